using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Attachments;

/// <summary>How large and how many files a session or a ticket may receive (<see cref="AttachmentPolicy"/>).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>The largest file, in bytes (5 MiB).</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxBytes { get; set; } = AttachmentPolicy.Default.MaxBytes;

    /// <summary>All the files of one session or ticket together, in bytes (25 MiB).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long BudgetBytes { get; set; } = AttachmentPolicy.Default.BudgetBytes;

    /// <summary>How many files one session or ticket may hold.</summary>
    [Range(1, 1000)]
    public int MaxCount { get; set; } = AttachmentPolicy.Default.MaxCount;

    /// <summary>Files one session or ticket may receive per minute.</summary>
    [Range(1, 1000)]
    public int PerMinute { get; set; } = AttachmentPolicy.Default.PerMinute;

    /// <summary>The longest caption, in characters.</summary>
    [Range(1, 10_000)]
    public int MaxCaptionLength { get; set; } = 1000;

    public AttachmentPolicy Policy => new(MaxBytes, BudgetBytes, MaxCount, PerMinute);
}
