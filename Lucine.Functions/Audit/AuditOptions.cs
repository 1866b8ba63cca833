using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long entries are kept: whole days older than this are deleted by the PruneAudit timer.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Entries one run of the PruneAudit timer deletes at most; the next run goes on where it stopped.</summary>
    [Range(100, 100_000)]
    public int PruneBatch { get; set; } = 5000;

    /// <summary>Whether this process prunes (standalone) rather than the host's timer function.</summary>
    public bool RunInBackground { get; set; } = true;
}
