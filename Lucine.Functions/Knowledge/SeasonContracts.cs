using System.Globalization;
using System.Text.Json;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Knowledge;

/// <summary>One season as admins write it: dates <c>yyyy-MM-dd</c>, times <c>HH:mm</c>, the shop's https address.</summary>
public sealed record SeasonFields(
    string? Start, string? End, IReadOnlyList<string?>? ClosedDays, string? Opens, string? Closes, string? LastEntry, string? TicketsUrl)
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm";

    public static SeasonFields From(SeasonCalendar season) => new(
        DateText.IsoDay(season.Start), DateText.IsoDay(season.End), season.ClosedDays.Select(d => (string?)DateText.IsoDay(d)).ToList(),
        DateText.Clock(season.Opens), DateText.Clock(season.Closes), DateText.Clock(season.LastEntry), season.TicketsUrl);

    /// <summary>The season these fields say, or what is wrong with them (each problem names its field under <paramref name="path"/>).</summary>
    public SeasonCalendar? Parse(string path, List<SeasonProblem> problems)
    {
        var before = problems.Count;
        var start = ParseDate(Start, $"{path}.start", problems);
        var end = ParseDate(End, $"{path}.end", problems);
        var closed = (ClosedDays ?? []).Select((d, i) => ParseDate(d, $"{path}.closedDays[{i}]", problems)).ToList();
        var opens = ParseTime(Opens, $"{path}.opens", problems);
        var closes = ParseTime(Closes, $"{path}.closes", problems);
        var lastEntry = ParseTime(LastEntry, $"{path}.lastEntry", problems);
        var url = string.IsNullOrWhiteSpace(TicketsUrl) ? null : TicketsUrl.Trim();
        return problems.Count > before
            ? null
            : new SeasonCalendar(start!.Value, end!.Value, closed.Select(d => d!.Value).Distinct().Order().ToList(), opens!.Value, closes!.Value, lastEntry!.Value, url);
    }

    private static DateOnly? ParseDate(string? text, string field, List<SeasonProblem> problems)
    {
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add(text is null ? new(field, "a date is required (yyyy-MM-dd)", "date-required") : new(field, $"\"{text}\" is not a date written yyyy-MM-dd", "date-invalid", ("value", text)));
        return null;
    }

    private static TimeOnly? ParseTime(string? text, string field, List<SeasonProblem> problems)
    {
        if (TimeOnly.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        problems.Add(text is null ? new(field, "a time is required (HH:mm)", "time-required") : new(field, $"\"{text}\" is not a time written HH:mm", "time-invalid", ("value", text)));
        return null;
    }
}

/// <summary>The body of a save: every season, in any order (they are kept in date order).</summary>
public sealed record SeasonScheduleRequest(IReadOnlyList<SeasonFields?>? Seasons)
{
    /// <summary>The schedule, or every problem found, each under the field it is about.</summary>
    public (SeasonSchedule? Schedule, IReadOnlyList<SeasonProblem> Problems) Parse()
    {
        var problems = new List<SeasonProblem>();
        var seasons = new List<SeasonCalendar>();
        var given = Seasons ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] is not { } fields)
            {
                problems.Add(new($"seasons[{i}]", "a season needs its dates and hours", "season-incomplete"));
            }
            else if (fields.Parse($"seasons[{i}]", problems) is { } season)
            {
                seasons.Add(season);
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var schedule = new SeasonSchedule(seasons);
        var invalid = schedule.Validate();
        return invalid.Count > 0 ? (null, invalid) : (schedule, []);
    }

    /// <summary>The stored form of a schedule: the same JSON admins send, seasons in date order.</summary>
    public static string Document(SeasonSchedule schedule) =>
        JsonSerializer.Serialize(new SeasonScheduleRequest(schedule.Seasons.Select(SeasonFields.From).ToList()), Wire.Json);

    public static SeasonSchedule Read(string document) =>
        JsonSerializer.Deserialize<SeasonScheduleRequest>(document, Wire.Json)?.Parse().Schedule
        ?? throw new InvalidOperationException("A stored season schedule is not valid.");
}

/// <summary>A season schedule version with its seasons, and what staff must be warned of today.</summary>
public sealed record SeasonScheduleResponse(
    int Version, DateTimeOffset? SavedAt, string? SavedBy, KnowledgeOrigin Source, IReadOnlyList<SeasonFields> Seasons, SeasonWarningDto? Warning)
{
    public static SeasonScheduleResponse From(VersionedSeasons versioned, SeasonWarning? warning) => new(
        versioned.Version.Number, versioned.Version.SavedAt, versioned.Version.SavedBy,
        versioned.Version.Number == 0 ? KnowledgeOrigin.File : KnowledgeOrigin.Storage,
        versioned.Schedule.Seasons.Select(SeasonFields.From).ToList(), SeasonWarningDto.From(warning));
}

/// <summary>
/// Why staff must set a season: <c>season-over</c> (the last season ended, none is set ahead) or
/// <c>season-opening-soon</c> (the same, less than a month before the expected opening).
/// </summary>
public sealed record SeasonWarningDto(string Code, string Detail, DateOnly LastEnd, DateOnly ExpectedOpening)
{
    public static SeasonWarningDto? From(SeasonWarning? warning) => warning switch
    {
        null => null,
        { Kind: SeasonWarningKind.OpeningSoon } => new("season-opening-soon",
            $"No season is set and the next opening is expected around {warning.ExpectedOpening:yyyy-MM-dd}; the last season ended on {warning.LastEnd:yyyy-MM-dd}. Set the new season's dates.",
            warning.LastEnd, warning.ExpectedOpening),
        _ => new("season-over",
            $"The last season ended on {warning.LastEnd:yyyy-MM-dd} and no next season is set: visitors are told the new dates will be announced.",
            warning.LastEnd, warning.ExpectedOpening),
    };
}
