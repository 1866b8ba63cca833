using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Tickets;

public sealed class TicketOptions
{
    public const string Section = "Tickets";

    /// <summary>The page with the widget that a resume link opens (the link adds <c>lucine_resume=…</c>).</summary>
    [Required, Url]
    public string ResumeUrl { get; set; } = "https://lucinedinatale.it/";

    /// <summary>
    /// The rating page a resolved ticket's message links (the link adds <c>ticket=…&amp;access=…</c>); unset:
    /// Lucine's own page, <c>/widget/rating.html</c> on <c>Notifications:PublicBaseUrl</c>; neither: no link.
    /// </summary>
    [Url]
    public string? RatingUrl { get; set; }

    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan ResumeLinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A resolved ticket the customer does not write to again is closed after this.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan AutoCloseAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Where SLA breaches are emailed (supervisors); empty: alerts on the dashboard only.</summary>
    public string[] AlertEmails { get; set; } = [];

    /// <summary>Tickets one client address may open through the public API per hour.</summary>
    [Range(1, 1000)]
    public int PublicCreatesPerHour { get; set; } = 5;

    /// <summary>Requests one client address may make to the public ticket API per minute (read, open, resume), on this instance: access codes and resume links are not guessed at speed.</summary>
    [Range(1, 100_000)]
    public int PublicRequestsPerMinute { get; set; } = 30;

    [Range(10, 500)]
    public int MaxSubjectLength { get; set; } = 150;

    [Range(100, 20000)]
    public int MaxDescriptionLength { get; set; } = 4000;

    /// <summary>Sweep SLA checks in a background loop of this process (standalone), on the Timers:SweepTickets schedule; behind the Functions host the SweepTickets timer does it.</summary>
    public bool RunInBackground { get; set; } = true;

    [Range(1, 1000)]
    public int MaxPerSweep { get; set; } = 100;
}
