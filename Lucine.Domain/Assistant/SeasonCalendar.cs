namespace Lucine.Domain.Assistant;

/// <summary>
/// When the park is open in one edition: one season (it spans New Year), daily hours, closed days, and
/// where that edition's tickets are sold. It changes every year, so it is data admins set, never code.
/// </summary>
/// <param name="TicketsUrl">The shop page of this edition's tickets (https), the <c>season.tickets_url</c> fact.</param>
public sealed record SeasonCalendar(
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<DateOnly> ClosedDays,
    TimeOnly Opens,
    TimeOnly Closes,
    TimeOnly LastEntry,
    string? TicketsUrl = null)
{
    /// <summary>Every problem of this season, each starting with the field it is about (as admins send it).</summary>
    public IReadOnlyList<SeasonProblem> Validate()
    {
        var errors = new List<SeasonProblem>();
        if (End < Start)
        {
            errors.Add(new("end", $"the season ends ({End:yyyy-MM-dd}) before it starts ({Start:yyyy-MM-dd})", "season-ends-before-start", ("start", DateText.IsoDay(Start)), ("end", DateText.IsoDay(End))));
        }

        if (End.DayNumber - Start.DayNumber > 366)
        {
            errors.Add(new("end", "a season lasts at most a year", "season-too-long"));
        }

        foreach (var day in ClosedDays.Where(d => d < Start || d > End))
        {
            errors.Add(new("closedDays", $"closed day {day:yyyy-MM-dd} is outside the season", "closed-day-outside", ("day", DateText.IsoDay(day))));
        }

        if (Closes <= Opens)
        {
            errors.Add(new("closes", $"closing time {Closes:HH\\:mm} is not after opening time {Opens:HH\\:mm}", "closes-before-opens", ("opens", DateText.Clock(Opens)), ("closes", DateText.Clock(Closes))));
        }

        if (LastEntry < Opens || LastEntry > Closes)
        {
            errors.Add(new("lastEntry", $"last entry {LastEntry:HH\\:mm} is not between opening and closing time", "last-entry-outside", ("lastEntry", DateText.Clock(LastEntry))));
        }

        if (TicketsUrl is not null && !(Uri.TryCreate(TicketsUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            errors.Add(new("ticketsUrl", $"\"{TicketsUrl}\" is not an absolute https address", "tickets-url-not-https", ("url", TicketsUrl)));
        }

        return errors;
    }



    /// <summary>Whether the park opens on <paramref name="day"/> in this season.</summary>
    public DayStatus StatusOn(DateOnly day) =>
        day < Start ? DayStatus.BeforeSeason
        : day > End ? DayStatus.AfterSeasonEnd
        : ClosedDays.Contains(day) ? DayStatus.Closed
        : DayStatus.Open;

    public bool Covers(DateOnly day) => day >= Start && day <= End;
}

/// <summary>
/// What is wrong with a season, and which of its fields (the name admins send) it is about: the English
/// sentence, and a stable code with the values it names, from which an editor says it in its own language.
/// </summary>
public sealed record SeasonProblem(string Field, string Message, string Code, IReadOnlyDictionary<string, string> Args)
{
    public SeasonProblem(string field, string message, string code, params (string Name, string Value)[] args)
        : this(field, message, code, ErrorArgs.Of(args))
    {
    }

    public override string ToString() => $"{Field}: {Message}";
}

public enum DayStatus
{
    Open,
    Closed,
    BeforeSeason,
    AfterSeasonEnd,

    /// <summary>The last season has ended and no new one is set: its end is known, the next dates are not.</summary>
    SeasonOver,
}
