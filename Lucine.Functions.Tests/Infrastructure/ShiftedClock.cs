namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// The real time, moved ahead by hand: events keep their real order (queue positions, who was assigned
/// last), and a test can still jump over a wait.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long shift;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref shift));

    public void Advance(TimeSpan by) => Interlocked.Add(ref shift, by.Ticks);

    /// <summary>
    /// The real time moved to an evening of the configured 2025/26 season: what the assistant says of
    /// dates, hours and the ticket link depends on the day, and these tests' answers must not.
    /// </summary>
    public static ShiftedClock InSeason()
    {
        var clock = new ShiftedClock();
        clock.Advance(new DateTimeOffset(2025, 12, 13, 18, 0, 0, TimeSpan.Zero) - System.GetUtcNow());
        return clock;
    }
}
