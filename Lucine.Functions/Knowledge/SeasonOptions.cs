namespace Lucine.Functions.Knowledge;

/// <summary>
/// The park's time zone, and the season used until an admin saves seasons (version 0 of the schedule,
/// <see cref="Seasons"/>): appsettings or environment.
/// </summary>
public sealed class SeasonOptions
{
    public const string Section = "Season";

    public DateOnly Start { get; set; }

    public DateOnly End { get; set; }

    public List<DateOnly> ClosedDays { get; set; } = [];

    public TimeOnly Opens { get; set; }

    public TimeOnly Closes { get; set; }

    public TimeOnly LastEntry { get; set; }

    /// <summary>The shop page of this edition's tickets (https): the knowledge base's ticket link.</summary>
    public string? TicketsUrl { get; set; }

    /// <summary>The park's time zone: what "today" means to a visitor.</summary>
    public string TimeZone { get; set; } = "Europe/Rome";

    public SeasonCalendar ToCalendar() => new(Start, End, ClosedDays, Opens, Closes, LastEntry, TicketsUrl);
}

/// <summary>Where the knowledge base and the customer texts are read from.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>Relative paths are resolved against the app's own folder.</summary>
    public string KnowledgeBasePath { get; set; } = "Content/knowledge-base.json";

    public string TemplatesPath { get; set; } = "Content/templates.json";
}
