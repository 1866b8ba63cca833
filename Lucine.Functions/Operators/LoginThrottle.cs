using System.Globalization;
using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>
/// Limits login attempts per client address and per username, in fixed windows counted in Table
/// Storage: the limit holds across restarts and instances, which a memory counter would not.
/// Every attempt counts, successful or not, so that guessing cannot hide among successes.
/// </summary>
public sealed class LoginThrottle(LucineTables tables, IOptions<OperatorOptions> options, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    /// <summary>Counts an attempt; returns how long to wait when either limit is exceeded, or null.</summary>
    public async Task<TimeSpan?> CountAsync(string clientAddress, string username, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % settings.LoginWindow.Ticks), TimeSpan.Zero);
        var window = windowStart.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var byAddress = await IncrementAsync("login-ip|" + clientAddress, window, cancellationToken);
        var byUser = await IncrementAsync("login-user|" + OperatorAccount.Normalize(username), window, cancellationToken);
        return byAddress > settings.LoginAttemptsPerAddress || byUser > settings.LoginAttempts
            ? windowStart + settings.LoginWindow - now
            : null;
    }

    private async Task<int> IncrementAsync(string key, string window, CancellationToken cancellationToken)
    {
        // Keys may hold characters Table Storage forbids in keys ('/', '#', '?', '\'): keep them safe.
        var partition = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(key));
        for (var attempt = 1; ; attempt++)
        {
            var read = await tables.Throttle.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(partition, window), cancellationToken);
            try
            {
                if (read.Result is DynamicTableEntity row)
                {
                    var count = (row.Properties["Count"].Int32Value ?? 0) + 1;
                    row.Properties["Count"] = new EntityProperty(count);
                    await tables.Throttle.ExecuteAsync(TableOperation.Replace(row), cancellationToken);
                    return count;
                }

                await tables.Throttle.ExecuteAsync(
                    TableOperation.Insert(new DynamicTableEntity(partition, window) { Properties = { ["Count"] = new EntityProperty(1) } }),
                    cancellationToken);
                return 1;
            }
            catch (StorageException e) when (e.RequestInformation.HttpStatusCode is 409 or 412 && attempt < MaxAttempts)
            {
                // Another attempt counted at the same moment: count again on top of it.
            }
        }
    }
}
