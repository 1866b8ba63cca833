using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Chat;

/// <summary>The session timeouts (REFERENCE.md's numbers by default) and how the sweep runs.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>Sweep in a background loop of this process (standalone), on the Timers:SweepDeadlines schedule. Behind the Functions host the SweepDeadlines timer does it.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>Most due entries handled by one sweep; the rest wait for the next.</summary>
    [Range(1, 1000)]
    public int MaxPerSweep { get; set; } = 100;

    public SessionTimeouts Timeouts { get; set; } = new();
}
