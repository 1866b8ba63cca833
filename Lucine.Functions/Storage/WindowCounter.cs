using System.Globalization;

namespace Lucine.Functions.Storage;

/// <summary>
/// Counts actions per key in fixed time windows, in Table Storage: the count holds across restarts
/// and instances, which a memory counter would not. The rate limits (logins, public tickets) use it.
/// </summary>
public sealed class WindowCounter(LucineTables tables, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    /// <summary>Counts one action for <paramref name="key"/>; returns the count in the current window and when the window ends.</summary>
    public async Task<(int Count, DateTimeOffset WindowEnds)> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (partition, row, ends) = Locate(key, window);
        return (await StoredCounter.IncrementAsync(tables.Throttle, partition, row, MaxAttempts, cancellationToken, clock.GetUtcNow()), ends);
    }

    /// <summary>The count in the current window, when the window ends and when the last action was counted; without counting.</summary>
    public async Task<WindowCount> ReadAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (partition, row, ends) = Locate(key, window);
        var (count, last) = await StoredCounter.ReadStampedAsync(tables.Throttle, partition, row, cancellationToken);
        return new WindowCount(count, ends, last);
    }

    /// <summary>Starts the current window's count again from nothing.</summary>
    public Task ResetAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (partition, row, _) = Locate(key, window);
        return StoredCounter.DeleteAsync(tables.Throttle, partition, row, cancellationToken);
    }

    private (string Partition, string Row, DateTimeOffset WindowEnds) Locate(string key, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);

        // Keys may hold characters Table Storage forbids in keys ('/', '#', '?', '\'): keep them safe. The
        // window's day comes first, so that counters past their retention (keys hold client addresses)
        // are one range read of the oldest partitions.
        var partition = Day(windowStart) + "-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(key));
        return (partition, windowStart.UtcTicks.ToString("D19", CultureInfo.InvariantCulture), windowStart + window);
    }

    /// <summary>The first partition of counters whose window began on <paramref name="at"/>'s UTC day or later.</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

/// <summary>A window's count, its end, and when its last action was counted.</summary>
public sealed record WindowCount(int Count, DateTimeOffset WindowEnds, DateTimeOffset? Last);
