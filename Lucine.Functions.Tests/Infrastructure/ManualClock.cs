namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>A clock the test moves by hand. Timers stay real: only "now" is the test's.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref ticks, now.UtcTicks);
}
