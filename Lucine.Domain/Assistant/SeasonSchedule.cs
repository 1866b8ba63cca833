namespace Lucine.Domain.Assistant;

/// <summary>
/// Every season admins have set, one per edition, in date order. What visitors are told comes from
/// the <see cref="SeasonView"/> of the day they ask; what staff are warned of, from <see cref="WarningOn"/>.
/// </summary>
public sealed record SeasonSchedule
{
    /// <summary>How long before the expected opening a missing season becomes urgent.</summary>
    public const int OpeningNoticeDays = 30;

    public SeasonSchedule(IEnumerable<SeasonCalendar> seasons) => Seasons = seasons.OrderBy(s => s.Start).ToList();

    public IReadOnlyList<SeasonCalendar> Seasons { get; }

    /// <summary>Every problem of the schedule, each with the field it is about (<c>seasons[1].end</c>).</summary>
    public IReadOnlyList<SeasonProblem> Validate()
    {
        var errors = new List<SeasonProblem>();
        if (Seasons.Count == 0)
        {
            errors.Add(new("seasons", "at least one season is needed: visitors are told when the last one ended", "seasons-none"));
        }

        for (var i = 0; i < Seasons.Count; i++)
        {
            errors.AddRange(Seasons[i].Validate().Select(e => e with { Field = $"seasons[{i}].{e.Field}" }));
            if (i > 0 && Seasons[i].Start <= Seasons[i - 1].End)
            {
                errors.Add(new($"seasons[{i}].start", $"the season starting {Seasons[i].Start:yyyy-MM-dd} overlaps the one ending {Seasons[i - 1].End:yyyy-MM-dd}", "season-overlaps", ("start", DateText.IsoDay(Seasons[i].Start)), ("previousEnd", DateText.IsoDay(Seasons[i - 1].End))));
            }
        }

        return errors;
    }

    /// <summary>The seasons as a visitor on <paramref name="today"/> sees them: the one under way or next, and the last one over.</summary>
    public SeasonView On(DateOnly today) => new(
        Seasons.FirstOrDefault(s => s.End >= today),
        Seasons.LastOrDefault(s => s.End < today));

    /// <summary>
    /// Whether staff must be told to set a season: nothing covers or follows <paramref name="today"/>. It
    /// is urgent from <see cref="OpeningNoticeDays"/> days before the expected opening (the last
    /// season's start, a year on).
    /// </summary>
    public SeasonWarning? WarningOn(DateOnly today)
    {
        var view = On(today);
        if (view.Current is not null || view.LastEnded is not { } last)
        {
            return null;
        }

        var expected = last.Start.AddYears(1);
        var kind = today >= expected.AddDays(-OpeningNoticeDays) ? SeasonWarningKind.OpeningSoon : SeasonWarningKind.SeasonOver;
        return new SeasonWarning(kind, last.End, expected);
    }
}

/// <summary>
/// The seasons as seen on one day. <paramref name="Current"/> covers that day or is the next to come;
/// null means no season is set ahead, and visitors are told when <paramref name="LastEnded"/> ended and
/// that new dates will be announced.
/// </summary>
public sealed record SeasonView(SeasonCalendar? Current, SeasonCalendar? LastEnded)
{
    /// <summary>No season known at all (a knowledge base compiled before the seasons are read).</summary>
    public static readonly SeasonView None = new(null, null);

    /// <summary>A day after the season under way is "the season ends on…"; any day with no season set is "the season ended on…".</summary>
    public DayStatus StatusOn(DateOnly day) => Current?.StatusOn(day) ?? DayStatus.SeasonOver;
}

public enum SeasonWarningKind
{
    /// <summary>The last season has ended and no next one is set.</summary>
    SeasonOver,

    /// <summary>No season is set and the expected opening is less than a month away.</summary>
    OpeningSoon,
}

/// <param name="ExpectedOpening">The last season's start a year on: when visitors will look for the next one.</param>
public sealed record SeasonWarning(SeasonWarningKind Kind, DateOnly LastEnd, DateOnly ExpectedOpening);
