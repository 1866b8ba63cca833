using System.Globalization;
using Microsoft.Azure.Cosmos.Table;

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
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        var rowKey = windowStart.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

        // Keys may hold characters Table Storage forbids in keys ('/', '#', '?', '\'): keep them safe.
        var partition = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(key));
        for (var attempt = 1; ; attempt++)
        {
            var read = await tables.Throttle.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(partition, rowKey), cancellationToken);
            try
            {
                if (read.Result is DynamicTableEntity row)
                {
                    var count = (row.Properties["Count"].Int32Value ?? 0) + 1;
                    row.Properties["Count"] = new EntityProperty(count);
                    await tables.Throttle.ExecuteAsync(TableOperation.Replace(row), cancellationToken);
                    return (count, windowStart + window);
                }

                await tables.Throttle.ExecuteAsync(
                    TableOperation.Insert(new DynamicTableEntity(partition, rowKey) { Properties = { ["Count"] = new EntityProperty(1) } }),
                    cancellationToken);
                return (1, windowStart + window);
            }
            catch (StorageException e) when (e.RequestInformation.HttpStatusCode is 409 or 412 && attempt < MaxAttempts)
            {
                // Another action counted at the same moment: count again on top of it.
            }
        }
    }
}
