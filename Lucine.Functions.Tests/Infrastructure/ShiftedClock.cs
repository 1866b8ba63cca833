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
}
