using Microsoft.Azure.Cosmos.Table;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Lucine.Functions.Storage;

/// <summary>
/// Creates the tables before the app takes requests. Storage that is briefly unreachable at start
/// (Azurite still starting, a network blip) is retried until <see cref="StorageOptions.StartupTimeout"/>;
/// after that the app refuses to start rather than fail every request.
/// </summary>
public sealed partial class TableInitializer(LucineTables tables, IOptions<StorageOptions> options, TimeProvider clock, ILogger<TableInitializer> logger)
    : IHostedService
{
    // The pipeline below is the retry policy here; the client's own would multiply the waits.
    private static readonly TableRequestOptions SingleAttempt = new()
    {
        RetryPolicy = new NoRetry(),
        MaximumExecutionTime = TimeSpan.FromSeconds(5),
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Startup);
        var timeout = options.Value.StartupTimeout;
        StorageException? lastFailure = null;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddTimeout(timeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<StorageException>(),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                BackoffType = DelayBackoffType.Exponential,
                OnRetry = args =>
                {
                    lastFailure = args.Outcome.Exception as StorageException;
                    LogRetrying(logger, args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    foreach (var table in tables.All)
                    {
                        await table.CreateIfNotExistsAsync(SingleAttempt, null, token);
                    }
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new InvalidOperationException(
                $"Table Storage could not be reached within {timeout} ({lastFailure?.Message ?? "no answer"}). Check Storage:ConnectionString; locally, is Azurite running?", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table Storage is not reachable yet ({Reason}); retrying in {Delay}.")]
    private static partial void LogRetrying(ILogger logger, string? reason, TimeSpan delay);
}
