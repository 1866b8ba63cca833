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

    public DayStatus StatusOn(DateOnly day) =>
        day < Start ? DayStatus.BeforeSeason
        : day > End ? DayStatus.AfterSeason
        : ClosedDays.Contains(day) ? DayStatus.Closed
        : DayStatus.Open;

    /// <summary>The date a visitor means by a day and month without a year: the one inside this
    /// season if there is one ("6 gennaio" in a December-January season is next January).</summary>
    public DateOnly Place(int month, int day)
    {
        foreach (var year in new[] { Start.Year, End.Year })
        {
            if (day <= DateTime.DaysInMonth(year, month))
            {
                var candidate = new DateOnly(year, month, day);
                if (candidate >= Start && candidate <= End)
                {
                    return candidate;
                }
            }
        }

        return new DateOnly(Start.Year, month, Math.Min(day, DateTime.DaysInMonth(Start.Year, month)));
    }

    /// <summary>The season date a bare day number means ("il 31" in a December-January season is
    /// 31 December); null when no day of the season has that number.</summary>
    public DateOnly? PlaceDay(int day)
    {
        for (var date = Start; date <= End; date = date.AddDays(1))
        {
            if (date.Day == day)
            {
                return date;
            }
        }

        return null;
    }
}

public enum DayStatus
{
    Open,
    Closed,
    BeforeSeason,
    AfterSeason,
}
