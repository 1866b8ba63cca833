using Microsoft.Azure.Cosmos.Table;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Storage;

/// <summary>
/// Creates the tables before the app takes requests. Storage that is briefly unreachable at start
/// (Azurite still starting, a network blip) is retried until <see cref="StorageOptions.StartupTimeout"/>;
/// after that the app refuses to start rather than fail every request.
/// </summary>
public sealed partial class TableInitializer(LucineTables tables, IOptions<StorageOptions> options, TimeProvider clock, ILogger<TableInitializer> logger)
    : IHostedService
{
    // This loop is the retry policy here; the client's own would multiply the waits.
    private static readonly TableRequestOptions SingleAttempt = new()
    {
        RetryPolicy = new NoRetry(),
        MaximumExecutionTime = TimeSpan.FromSeconds(5),
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Startup);
        var deadline = clock.GetUtcNow() + options.Value.StartupTimeout;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                foreach (var table in tables.All)
                {
                    await table.CreateIfNotExistsAsync(SingleAttempt, null, cancellationToken);
                }

                return;
            }
            catch (StorageException e) when (clock.GetUtcNow() + delay < deadline)
            {
                LogRetrying(logger, e.Message, delay);
                await Task.Delay(delay, clock, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (StorageException e)
            {
                throw new InvalidOperationException(
                    $"Table Storage could not be reached within {options.Value.StartupTimeout} ({e.Message}). Check Storage:ConnectionString; locally, is Azurite running?", e);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table Storage is not reachable yet ({Reason}); retrying in {Delay}.")]
    private static partial void LogRetrying(ILogger logger, string reason, TimeSpan delay);
}
