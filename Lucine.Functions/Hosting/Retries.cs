using Polly;
using Polly.Retry;

namespace Lucine.Functions.Hosting;

/// <summary>How often and how soon to try again, wherever Lucine does.</summary>
/// <param name="Retries">Tries after the first; 0 turns retrying off.</param>
/// <param name="FirstDelay">The wait before the first retry; it doubles at each further one, up to <paramref name="MaxDelay"/>.</param>
public sealed record RetryShape(int Retries, TimeSpan FirstDelay, TimeSpan? MaxDelay = null);

/// <summary>
/// The one retry Lucine uses (storage at start-up, outbox delivery, notification attempts, the language
/// model): exponential from a first delay, jittered so that callers failing together do not retry
/// together, on the pipeline's injected clock, and told to the caller before each wait.
/// </summary>
public static class Retries
{
    /// <param name="retrying">Told which retry is about to be made (1 for the first), the wait before it, and why.</param>
    public static ResiliencePipelineBuilder AddRetries(
        this ResiliencePipelineBuilder builder, RetryShape shape, Func<Exception, bool> handle, Action<int, TimeSpan, string?> retrying,
        Func<Exception?, TimeSpan?>? serverDelay = null)
    {
        if (shape.Retries == 0)
        {
            return builder;
        }

        var options = new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle(handle) };
        Fill(options, shape, retrying, serverDelay is null ? null : outcome => serverDelay(outcome.Exception));
        return builder.AddRetry(options);
    }

    /// <summary>A retry on results: <paramref name="handle"/> says which outcomes are worth another try.</summary>
    public static ResiliencePipelineBuilder<T> AddRetries<T>(
        this ResiliencePipelineBuilder<T> builder, RetryShape shape, Func<T, bool> handle, Action<int, TimeSpan, string?> retrying)
    {
        if (shape.Retries == 0)
        {
            return builder;
        }

        var options = new RetryStrategyOptions<T> { ShouldHandle = new PredicateBuilder<T>().HandleResult(handle) };
        Fill(options, shape, retrying, null);
        return builder.AddRetry(options);
    }

    private static void Fill<T>(RetryStrategyOptions<T> options, RetryShape shape, Action<int, TimeSpan, string?> retrying, Func<Outcome<T>, TimeSpan?>? serverDelay)
    {
        options.MaxRetryAttempts = shape.Retries;
        options.Delay = shape.FirstDelay;
        options.MaxDelay = shape.MaxDelay;
        options.BackoffType = DelayBackoffType.Exponential;
        options.UseJitter = true;
        if (serverDelay is not null)
        {
            // A service that says when to come back (Retry-After) is believed over the backoff.
            options.DelayGenerator = args => ValueTask.FromResult(serverDelay(args.Outcome));
        }

        options.OnRetry = args =>
        {
            retrying(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
            return ValueTask.CompletedTask;
        };
    }
}
