namespace Lucine.Domain.Tests.Tickets;

[Trait("Category", Layer.Unit)]
public sealed class BusinessHoursTests
{
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Six = new(18, 0);

    private static BusinessHours Hours(TimeOnly opens, TimeOnly closes, DayOfWeek[]? closedWeekdays = null, DateOnly[]? closedDates = null) =>
        new(Rome.Zone, opens, closes, (closedWeekdays ?? []).ToHashSet(), (closedDates ?? []).ToHashSet());

    private static readonly BusinessHours Weekdays = Hours(Nine, Six, [DayOfWeek.Saturday, DayOfWeek.Sunday]);

    [Fact]
    public void Time_inside_the_hours_counts_as_it_passes()
    {
        Assert.Equal(Rome.At(2026, 12, 14, 13, 0), Weekdays.Add(Rome.At(2026, 12, 14, 10, 0), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void What_does_not_fit_before_closing_continues_at_the_next_opening()
    {
        Assert.Equal(Rome.At(2026, 12, 15, 10, 0), Weekdays.Add(Rome.At(2026, 12, 14, 17, 0), TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData(22, 15, 10, 0)] // Monday night: Tuesday from 09:00
    [InlineData(18, 15, 10, 0)] // from the closing minute on
    [InlineData(6, 14, 10, 0)] // Monday before opening
    public void A_start_outside_the_hours_counts_from_the_next_opening(int startHour, int dueDay, int dueHour, int dueMinute)
    {
        var start = Rome.At(2026, 12, 14, startHour);

        Assert.Equal(Rome.At(2026, 12, dueDay, dueHour, dueMinute), Weekdays.Add(start, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Nothing_to_count_is_due_at_the_start_inside_the_hours_and_at_the_next_opening_outside()
    {
        Assert.Equal(Rome.At(2026, 12, 14, 11, 0), Weekdays.Add(Rome.At(2026, 12, 14, 11, 0), TimeSpan.Zero));
        Assert.Equal(Rome.At(2026, 12, 14, 9, 0), Weekdays.Add(Rome.At(2026, 12, 12, 11, 0), TimeSpan.Zero));
    }

    [Fact]
    public void A_start_on_a_closed_date_counts_from_the_next_open_day()
    {
        var christmas = new DateOnly(2026, 12, 25);
        var hours = Hours(Nine, Six, [DayOfWeek.Sunday], [christmas]);

        // Friday the 25th is closed; Saturday is open, Sunday is not.
        Assert.Equal(Rome.At(2026, 12, 26, 10, 0), hours.Add(Rome.At(2026, 12, 25, 11, 0), TimeSpan.FromHours(1)));
        Assert.Equal(Rome.At(2026, 12, 26, 9, 30), hours.Add(Rome.At(2026, 12, 24, 17, 30), TimeSpan.FromHours(1)));
        Assert.Equal(Rome.At(2026, 12, 28, 10, 0), hours.Add(Rome.At(2026, 12, 24, 17, 0), TimeSpan.FromHours(11)));
    }

    [Fact]
    public void Closed_weekdays_are_skipped_over_a_weekend()
    {
        // Friday 16:00–18:00, then Monday from 09:00.
        Assert.Equal(Rome.At(2026, 12, 14, 11, 0), Weekdays.Add(Rome.At(2026, 12, 11, 16, 0), TimeSpan.FromHours(4)));
        Assert.Equal(Rome.At(2026, 12, 14, 9, 15), Weekdays.Add(Rome.At(2026, 12, 12, 14, 0), TimeSpan.FromMinutes(15)));
    }

    [Theory]
    [InlineData(1, 14)] // one working day from Monday's opening ends at Monday's closing, not on Tuesday
    [InlineData(3, 16)]
    [InlineData(5, 18)]
    [InlineData(6, 21)] // the weekend is skipped
    public void Whole_working_days_end_at_the_closing_time_of_the_last_day(int days, int lastDay)
    {
        var due = Weekdays.Add(Rome.At(2026, 12, 14, 9, 0), TimeSpan.FromHours(9 * days));

        Assert.Equal(Rome.At(2026, 12, lastDay, 18, 0), due);
    }

    [Fact]
    public void The_weekend_of_the_March_clock_change_moves_the_UTC_hour_of_opening()
    {
        // Friday 27 March 17:00 CET = 16:00Z; Monday 30 March opens at 09:00 CEST = 07:00Z.
        Assert.Equal(Rome.Utc(2026, 3, 30, 8, 0), Weekdays.Add(Rome.Utc(2026, 3, 27, 16, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void The_weekend_of_the_October_clock_change_moves_the_UTC_hour_of_opening()
    {
        // Friday 23 October 17:00 CEST = 15:00Z; Monday 26 October opens at 09:00 CET = 08:00Z.
        Assert.Equal(Rome.Utc(2026, 10, 26, 9, 0), Weekdays.Add(Rome.Utc(2026, 10, 23, 15, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void The_last_Sunday_of_March_has_one_hour_less_to_count()
    {
        var lateHours = Hours(TimeOnly.MinValue, new TimeOnly(23, 0));

        // 00:00 CET (Saturday 23:00Z) to 23:00 CEST (21:00Z) is 22 hours, not 23.
        Assert.Equal(Rome.Utc(2026, 3, 29, 21, 0), lateHours.Add(Rome.Utc(2026, 3, 28, 23, 0), TimeSpan.FromHours(22)));
        Assert.Equal(Rome.Utc(2026, 3, 29, 23, 0), lateHours.Add(Rome.Utc(2026, 3, 28, 23, 0), TimeSpan.FromHours(23)));
    }

    [Fact]
    public void The_last_Sunday_of_October_has_one_hour_more_to_count()
    {
        var lateHours = Hours(TimeOnly.MinValue, new TimeOnly(23, 0));

        // 00:00 CEST (Saturday 22:00Z) to 23:00 CET (22:00Z) is 24 hours, not 23.
        Assert.Equal(Rome.Utc(2026, 10, 25, 22, 0), lateHours.Add(Rome.Utc(2026, 10, 24, 22, 0), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void An_opening_time_the_spring_change_skips_opens_when_the_clocks_land()
    {
        var night = Hours(new TimeOnly(2, 30), new TimeOnly(4, 0));

        // 02:30 does not happen on 29 March: the clocks jump from 02:00 CET to 03:00 CEST (01:00Z).
        Assert.Equal(Rome.Utc(2026, 3, 29, 1, 30), night.Add(Rome.At(2026, 3, 28, 12, 0), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void An_opening_time_the_autumn_change_repeats_opens_the_first_time()
    {
        var night = Hours(new TimeOnly(2, 30), new TimeOnly(4, 0));

        // 02:30 happens twice on 25 October; the first is CEST (00:30Z). 04:00 CET is 03:00Z: 2½ hours open.
        Assert.Equal(Rome.Utc(2026, 10, 25, 1, 0), night.Add(Rome.At(2026, 10, 24, 12, 0), TimeSpan.FromMinutes(30)));
        Assert.Equal(Rome.Utc(2026, 10, 25, 3, 0), night.Add(Rome.At(2026, 10, 24, 12, 0), TimeSpan.FromMinutes(150)));
        Assert.Equal(Rome.Utc(2026, 10, 26, 1, 31), night.Add(Rome.At(2026, 10, 24, 12, 0), TimeSpan.FromMinutes(151)));
    }

    [Fact]
    public void Results_are_in_UTC_whatever_the_offset_of_the_start()
    {
        var due = Weekdays.Add(Rome.At(2026, 12, 14, 10, 0), TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(Rome.Utc(2026, 12, 14, 10, 0), due);
    }

    [Fact]
    public void Hours_with_every_weekday_closed_are_refused_instead_of_counting_forever()
    {
        var failure = Assert.Throws<ArgumentException>(() => Hours(Nine, Six, Enum.GetValues<DayOfWeek>()));

        Assert.Contains("at least one weekday", failure.Message);
    }

    [Theory]
    [InlineData(18, 9)]
    [InlineData(9, 9)]
    public void Hours_must_open_before_they_close(int opens, int closes)
    {
        var failure = Assert.Throws<ArgumentException>(() => Hours(new TimeOnly(opens, 0), new TimeOnly(closes, 0)));

        Assert.Contains("open before they close", failure.Message);
    }

    [Fact]
    public void A_negative_duration_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Weekdays.Add(Rome.At(2026, 12, 14, 10, 0), TimeSpan.FromMinutes(-1)));
    }
}
