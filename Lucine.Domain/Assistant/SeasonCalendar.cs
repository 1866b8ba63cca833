namespace Lucine.Domain.Assistant;

/// <summary>
/// When the park is open: one season (it spans New Year), daily hours, and closed days.
/// It changes every year, so it comes from configuration, never from code.
/// </summary>
public sealed record SeasonCalendar(
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<DateOnly> ClosedDays,
    TimeOnly Opens,
    TimeOnly Closes,
    TimeOnly LastEntry)
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (End < Start)
        {
            errors.Add($"the season ends ({End:yyyy-MM-dd}) before it starts ({Start:yyyy-MM-dd})");
        }

        if (End.DayNumber - Start.DayNumber > 366)
        {
            errors.Add("a season lasts at most a year");
        }

        foreach (var day in ClosedDays.Where(d => d < Start || d > End))
        {
            errors.Add($"closed day {day:yyyy-MM-dd} is outside the season");
        }

        if (Closes <= Opens)
        {
            errors.Add($"closing time {Closes:HH\\:mm} is not after opening time {Opens:HH\\:mm}");
        }

        if (LastEntry < Opens || LastEntry > Closes)
        {
            errors.Add($"last entry {LastEntry:HH\\:mm} is not between opening and closing time");
        }

        return errors;
    }

    /// <summary>Whether the park opens on <paramref name="day"/>, as seen on <paramref name="today"/>
    /// (a day after the end is "the season ends on…" before the end, "the season ended on…" after it).</summary>
    public DayStatus StatusOn(DateOnly day, DateOnly today) =>
        day < Start ? DayStatus.BeforeSeason
        : day > End ? (today > End ? DayStatus.SeasonOver : DayStatus.AfterSeasonEnd)
        : ClosedDays.Contains(day) ? DayStatus.Closed
        : DayStatus.Open;
}

public enum DayStatus
{
    Open,
    Closed,
    BeforeSeason,
    AfterSeasonEnd,
    SeasonOver,
}
