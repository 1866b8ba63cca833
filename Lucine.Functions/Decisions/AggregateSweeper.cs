using Lucine.Functions.Knowledge;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Decisions;

/// <summary>
/// The durable timers' tick, for any kind of aggregate: reads only the entries of its due index that are
/// due, runs each aggregate's "your time may have come" input, and removes the entry. The aggregate's
/// state decides: an entry for a time that moved later is indexed again for then; one for a time already
/// handled (by a sweep that crashed before removing it, or by another instance) changes nothing; one for
/// an aggregate with effects left hands them over (every run does).
/// </summary>
public sealed partial class AggregateSweeper(DecisionRunner runner, CurrentWorkflows workflows, TimeProvider clock, ILogger<AggregateSweeper> logger)
{
    public async Task<SweepResult> SweepAsync<TState, TInput, TDecision>(
        IAggregate<TState, TInput, TDecision> aggregate, TInput timeReached, int max, CancellationToken cancellationToken)
        where TState : class
        where TDecision : class, IDecision<TState>
    {
        using var scope = StorageScope.Enter(StorageScope.Sweep);
        var now = clock.GetUtcNow();
        return await aggregate.Due.SweepAsync(now, max, async (entry, token) =>
        {
            if (!aggregate.IsId(entry.Subject))
            {
                return SweepStep.Nothing;
            }

            var run = await runner.RunAsync(aggregate, entry.Subject, timeReached, new RunOptions(StorageScope.Sweep), token);
            if (run.Decision is { IsNoChange: false })
            {
                return SweepStep.Fired;
            }

            var rules = await workflows.CurrentAsync(token);
            if (run.State is { } state && aggregate.NextDue(rules, state) is { } next && next > now)
            {
                // Its time moved later since this entry was written: wait for it there.
                await aggregate.Due.AddAsync(entry.Subject, next, token);
                return SweepStep.Rescheduled;
            }

            return SweepStep.Nothing;
        }, (entry, e) => LogFailed(logger, aggregate.Name, entry.Subject, e), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Aggregate} {Id} could not be swept; the next sweep retries.")]
    private static partial void LogFailed(ILogger logger, string aggregate, string id, Exception exception);
}
