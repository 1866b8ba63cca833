namespace Lucine.Domain.Tests.Tickets;

[Trait("Category", Layer.Unit)]
public sealed class SlaPolicyTests
{
    private static readonly DateTimeOffset Start = Rome.Utc(2026, 12, 14, 10, 0);

    private static readonly BusinessHours Weekdays = new(
        Rome.Zone, new TimeOnly(9, 0), new TimeOnly(18, 0), new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday }, new HashSet<DateOnly>());

    private static Dictionary<TicketPriority, SlaTarget> Targets(SlaPolicy policy) =>
        Enum.GetValues<TicketPriority>().ToDictionary(p => p, policy.For);

    [Theory]
    [InlineData(TicketPriority.Urgent, 15, 4 * 60)]
    [InlineData(TicketPriority.High, 60, 8 * 60)]
    [InlineData(TicketPriority.Medium, 4 * 60, 24 * 60)]
    [InlineData(TicketPriority.Low, 24 * 60, 72 * 60)]
    public void The_default_targets_are_the_reference_ones(TicketPriority priority, int firstResponseMinutes, int resolutionMinutes)
    {
        Assert.Equal(new SlaTarget(TimeSpan.FromMinutes(firstResponseMinutes), TimeSpan.FromMinutes(resolutionMinutes)), SlaPolicy.Default.For(priority));
        Assert.Null(SlaPolicy.Default.Hours);
        Assert.Equal(0.8, SlaPolicy.Default.WarningFraction);
    }

    [Theory]
    [InlineData(TicketPriority.Urgent, 12, 15, 192, 240)]
    [InlineData(TicketPriority.High, 48, 60, 384, 480)]
    [InlineData(TicketPriority.Medium, 192, 240, 1152, 1440)]
    [InlineData(TicketPriority.Low, 1152, 1440, 3456, 4320)]
    public void Without_business_hours_targets_run_on_the_wall_clock_with_a_warning_at_80_percent(
        TicketPriority priority, int firstResponseWarn, int firstResponseDue, int resolutionWarn, int resolutionDue)
    {
        var target = SlaPolicy.Default.For(priority);

        Assert.Equal(
            new SlaWindow(Start, Start.AddMinutes(firstResponseWarn), Start.AddMinutes(firstResponseDue)),
            SlaPolicy.Default.Window(Start, target.FirstResponse));
        Assert.Equal(
            new SlaWindow(Start, Start.AddMinutes(resolutionWarn), Start.AddMinutes(resolutionDue)),
            SlaPolicy.Default.Window(Start, target.Resolution));
    }

    /// <summary>Opened on Friday 11 December 2026 at 17:00, an hour before closing; the weekend is closed.</summary>
    [Theory]
    [InlineData(TicketPriority.Urgent, "11 17:12", "11 17:15", "14 11:12", "14 12:00")]
    [InlineData(TicketPriority.High, "11 17:48", "11 18:00", "14 14:24", "14 16:00")] // 8 h: Friday 1, Monday 7
    [InlineData(TicketPriority.Medium, "14 11:12", "14 12:00", "16 09:12", "16 14:00")] // 24 h: Friday 1, Monday 9, Tuesday 9, Wednesday 5
    [InlineData(TicketPriority.Low, "16 09:12", "16 14:00", "22 11:36", "23 17:00")] // 72 h: Friday 1, five days of 9, Monday 9, Tuesday 9, Wednesday 8
    public void With_business_hours_targets_count_only_open_time(
        TicketPriority priority, string firstResponseWarn, string firstResponseDue, string resolutionWarn, string resolutionDue)
    {
        var policy = new SlaPolicy(Targets(SlaPolicy.Default), Weekdays);
        var start = Rome.At(2026, 12, 11, 17, 0);
        var target = policy.For(priority);

        Assert.Equal(new SlaWindow(start, December(firstResponseWarn), December(firstResponseDue)), policy.Window(start, target.FirstResponse));
        Assert.Equal(new SlaWindow(start, December(resolutionWarn), December(resolutionDue)), policy.Window(start, target.Resolution));
    }

    [Fact]
    public void The_warning_point_is_the_configured_share_of_the_target()
    {
        var policy = new SlaPolicy(Targets(SlaPolicy.Default), hours: null, warningFraction: 0.5);

        var window = policy.Window(Start, TimeSpan.FromHours(4));

        Assert.Equal(Start.AddHours(2), window.WarnAt);
        Assert.Equal(Start.AddHours(4), window.DueAt);
    }

    [Fact]
    public void Window_instants_are_in_UTC()
    {
        var window = SlaPolicy.Default.Window(Rome.At(2026, 12, 14, 11, 0), TimeSpan.FromHours(1));

        Assert.All([window.Start, window.WarnAt, window.DueAt], at => Assert.Equal(TimeSpan.Zero, at.Offset));
        Assert.Equal(Rome.Utc(2026, 12, 14, 10, 48), window.WarnAt);
    }

    [Theory]
    [InlineData(TicketPriority.Low, TicketPriority.Medium)]
    [InlineData(TicketPriority.Medium, TicketPriority.High)]
    [InlineData(TicketPriority.High, TicketPriority.Urgent)]
    [InlineData(TicketPriority.Urgent, TicketPriority.Urgent)]
    public void Raising_a_priority_goes_one_level_up_and_stops_at_urgent(TicketPriority from, TicketPriority to)
    {
        Assert.Equal(to, TicketPriorities.Raise(from));
    }

    [Fact]
    public void Every_priority_needs_a_target()
    {
        var targets = Targets(SlaPolicy.Default);
        targets.Remove(TicketPriority.High);

        var failure = Assert.Throws<ArgumentException>(() => new SlaPolicy(targets, hours: null));

        Assert.Contains("No SLA target for High tickets", failure.Message);
    }

    [Theory]
    [InlineData(0, 60, "must be positive")]
    [InlineData(-5, 60, "must be positive")]
    [InlineData(15, 0, "must be positive")]
    [InlineData(90, 60, "is longer than their resolution target")]
    public void Targets_must_be_positive_and_the_first_response_not_later_than_the_resolution(int firstResponseMinutes, int resolutionMinutes, string problem)
    {
        var targets = Targets(SlaPolicy.Default);
        targets[TicketPriority.Urgent] = new SlaTarget(TimeSpan.FromMinutes(firstResponseMinutes), TimeSpan.FromMinutes(resolutionMinutes));

        var failure = Assert.Throws<ArgumentException>(() => new SlaPolicy(targets, hours: null));

        Assert.Contains("Urgent", failure.Message);
        Assert.Contains(problem, failure.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1.5)]
    public void The_warning_comes_strictly_between_the_start_and_the_target(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaPolicy(Targets(SlaPolicy.Default), hours: null, fraction));
    }

    private static DateTimeOffset December(string dayAndTime)
    {
        var (day, time) = (int.Parse(dayAndTime[..2], System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(dayAndTime[3..], System.Globalization.CultureInfo.InvariantCulture));
        return Rome.At(2026, 12, day, time.Hour, time.Minute);
    }
}
