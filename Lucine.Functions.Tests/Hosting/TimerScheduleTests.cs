using Lucine.Functions.Hosting;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>Timer schedules as both hosting modes read them: NCRONTAB with seconds, in UTC.</summary>
[Trait("Category", Layer.Unit)]
public sealed class TimerScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2025, 12, 13, 12, 0, 3, 500, TimeSpan.Zero);

    [Theory]
    [InlineData("*/5 * * * * *", "2025-12-13T12:00:05Z")]
    [InlineData("*/30 * * * * *", "2025-12-13T12:00:30Z")]
    [InlineData("0 */2 * * * *", "2025-12-13T12:02:00Z")]
    [InlineData("0 30 9 * * Mon", "2025-12-15T09:30:00Z")]
    public void The_next_run_is_the_first_occurrence_after_now(string expression, string next)
    {
        var schedule = new TimerSchedule { Expression = expression };

        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), schedule.NextAfter(Noon));
    }

    [Fact]
    public void An_occurrence_at_exactly_now_is_not_the_next_one()
    {
        var schedule = new TimerSchedule { Expression = "*/5 * * * * *" };
        var onTheDot = new DateTimeOffset(2025, 12, 13, 12, 0, 5, TimeSpan.Zero);

        Assert.Equal(onTheDot.AddSeconds(5), schedule.NextAfter(onTheDot));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*/5 * * * *")]
    [InlineData("*/5 * * * * * *")]
    [InlineData("61 * * * * *")]
    [InlineData("@every 5s")]
    public void Anything_but_six_valid_fields_is_refused(string? expression) => Assert.Null(TimerSchedule.Parse(expression));

    [Fact]
    public void The_host_is_pointed_at_the_setting_the_app_reads() =>
        Assert.Equal("%Timers:SweepDeadlines%", TimerSchedule.HostReference("SweepDeadlines"));
}
