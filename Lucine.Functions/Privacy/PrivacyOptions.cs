using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Privacy;

/// <summary>How long personal data is kept, and how much one retention run may remove.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Standalone, the retention timer runs in this process; behind the Functions host its timer function does.</summary>
    public bool RunInBackground { get; set; } = true;

    [Required]
    public RetentionPeriods Retention { get; set; } = new();
}

public sealed class RetentionPeriods
{
    /// <summary>A chat transcript after its conversation ended (a chat that became a ticket follows the ticket).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Transcripts { get; set; } = TimeSpan.FromDays(365);

    /// <summary>A ticket, its notifications and its chat after it was closed.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Tickets { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Raw analytics events (there are no stored aggregates: the reports count these).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan AnalyticsEvents { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Client addresses (rate-limit counters) and where the visitor was (page, referrer) after the conversation ended.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Addresses { get; set; } = TimeSpan.FromDays(30);

    /// <summary>What the local sink recorded instead of sending.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Sink { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The markers that count an event once (reports, blind spots): they only matter while the outbox may
    /// deliver the event again, which is hours; a week leaves room for a long outage.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan EventMarkers { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Rows one retention run may remove or anonymise, per kind: a backlog is worked off run after run.</summary>
    [Range(1, 10_000)]
    public int MaxPerRun { get; set; } = 500;
}
