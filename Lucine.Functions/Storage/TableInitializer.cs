using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Lucine.Functions.Storage;

/// <summary>Something else of the storage account a feature needs before the app takes requests (the attachments' containers).</summary>
public interface IStorageSetup
{
    Task CreateAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Creates the tables (and what each <see cref="IStorageSetup"/> needs) before the app takes requests. Storage that is briefly unreachable at start
/// (Azurite still starting, a network blip) is retried until <see cref="StorageOptions.StartupTimeout"/>;
/// after that the app refuses to start rather than fail every request.
/// </summary>
public sealed partial class TableInitializer(
    LucineTables tables, IEnumerable<IStorageSetup> setups, IOptions<StorageOptions> options, TimeProvider clock, ILogger<TableInitializer> logger)
    : IHostedService
{
    private static readonly RetryShape UntilTimeout = new(int.MaxValue, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Startup);
        var timeout = options.Value.StartupTimeout;
        string? lastFailure = null;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddTimeout(timeout)
            .AddRetries(UntilTimeout, e => e is not OperationCanceledException, (_, delay, reason) =>
            {
                lastFailure = reason;
                LogRetrying(logger, reason, delay);
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    foreach (var table in tables.All)
                    {
                        await table.CreateIfNotExistsAsync(token);
                    }

                    foreach (var setup in setups)
                    {
                        await setup.CreateAsync(token);
                    }
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new InvalidOperationException(
                $"Table Storage could not be reached within {timeout} ({lastFailure ?? "no answer"}). " +
                "Check Storage:ConnectionString (or Storage:TableEndpoint and the app's identity, with Storage:BlobEndpoint); locally, is Azurite running?", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table Storage is not reachable yet ({Reason}); retrying in {Delay}.")]
    private static partial void LogRetrying(ILogger logger, string? reason, TimeSpan delay);
}
