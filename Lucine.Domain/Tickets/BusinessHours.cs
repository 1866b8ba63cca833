namespace Lucine.Domain.Tickets;

/// <summary>
/// When the staff works, on the local calendar of <see cref="Zone"/>: the same opening and closing
/// time on every day that is neither a closed weekday nor a closed date. Durations "in business time"
/// count only those hours, so a ticket opened on Friday night is not late on Saturday morning.
/// </summary>
public sealed class BusinessHours
{
    private readonly IReadOnlySet<DayOfWeek> closedWeekdays;
    private readonly IReadOnlySet<DateOnly> closedDates;

    public BusinessHours(TimeZoneInfo zone, TimeOnly opens, TimeOnly closes, IReadOnlySet<DayOfWeek> closedWeekdays, IReadOnlySet<DateOnly> closedDates)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(closedWeekdays);
        ArgumentNullException.ThrowIfNull(closedDates);
        if (opens >= closes)
        {
            throw new ArgumentException($"Business hours must open before they close (opens {opens:HH\\:mm}, closes {closes:HH\\:mm}).");
        }

        // Closed dates are finitely many, so one open weekday is enough for every count to end.
        if (Enum.GetValues<DayOfWeek>().All(closedWeekdays.Contains))
        {
            throw new ArgumentException("Business hours need at least one weekday that is not closed.");
        }

        Zone = zone;
        Opens = opens;
        Closes = closes;
        this.closedWeekdays = closedWeekdays;
        this.closedDates = closedDates;
    }

    public TimeZoneInfo Zone { get; }

    public TimeOnly Opens { get; }

    public TimeOnly Closes { get; }

    /// <summary>
    /// The moment <paramref name="workingTime"/> of open time has passed since <paramref name="start"/>
    /// (in UTC). Counting starts at the next opening when <paramref name="start"/> is outside the hours;
    /// work that fills a day exactly ends at its closing time, not at the next opening.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        var from = start.ToUniversalTime();
        var remaining = workingTime;
        for (var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Zone).DateTime); ; day = day.AddDays(1))
        {
            if (closedWeekdays.Contains(day.DayOfWeek) || closedDates.Contains(day))
            {
                continue;
            }

            var opening = Instant(day, Opens);
            var closing = Instant(day, Closes);
            var counted = from > opening ? from : opening;
            if (counted >= closing)
            {
                continue;
            }

            if (remaining <= closing - counted)
            {
                return counted + remaining;
            }

            remaining -= closing - counted;
        }
    }

    /// <summary>
    /// The UTC instant a local clock time happens on a day. When the clocks go back the time happens
    /// twice: the first one counts. When they jump forward it does not happen at all: the jump counts,
    /// so later local times always give later instants.
    /// </summary>
    private DateTimeOffset Instant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            // Zone transitions fall on whole minutes: the first valid minute is where the clocks landed.
            local = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
            while (Zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(1);
            }
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local - offset, TimeSpan.Zero);
    }
}
