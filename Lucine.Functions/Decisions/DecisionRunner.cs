using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Decisions;

/// <summary>How a run ended: exactly one of a decision (a no-op included), a refusal, or a repeat.</summary>
/// <param name="Prior">The input had been handled before (same repeat key): what it produced then; <paramref name="State"/> is the state now.</param>
public sealed record RunResult<TState, TDecision>(TDecision? Decision, Rejection? Rejection, PriorResult? Prior, TState? State)
    where TDecision : class
    where TState : class;

/// <param name="Scope">What the storage requests are counted under; null: the caller's.</param>
/// <param name="MayExist">False when this very run creates the aggregate: no need to read it first.</param>
/// <param name="RepeatKey">The input's own id (a client message id, a provider's message id): the same id again gets <see cref="RunResult{TState,TDecision}.Prior"/>.</param>
public sealed record RunOptions(string? Scope = null, bool MayExist = true, string? RepeatKey = null);

/// <summary>
/// Runs an input through an aggregate, the same way for every kind: load (and hand over effects left
/// behind), decide, fulfil what the workflow needs and decide again, index the next due time, commit
/// the decision in one ETag-guarded transaction, then deliver its effects. When another writer got
/// there first it loads and decides again; a refusal is returned as a value and changes nothing.
/// </summary>
public sealed partial class DecisionRunner(
    CurrentWorkflows workflows,
    AggregateLocks locks,
    OutboxDispatcher outbox,
    DeliveredEffects delivered,
    IEnumerable<IDecisionObserver> observers,
    TimeProvider clock,
    IOptions<DecisionOptions> options,
    IOptions<OutboxOptions> outboxOptions,
    ILogger<DecisionRunner> logger)
{
    /// <summary>A workflow asks for one thing at a time; more in one decision than this is a loop, not a decision.</summary>
    private const int MaxNeeds = 4;

    private readonly IDecisionObserver[] observers = [.. observers];

    public async Task<RunResult<TState, TDecision>> RunAsync<TState, TInput, TDecision>(
        IAggregate<TState, TInput, TDecision> aggregate, string id, TInput input, RunOptions run, CancellationToken cancellationToken)
        where TState : class
        where TDecision : class, IDecision<TState>
    {
        // Named only when someone listens: the name would otherwise be built for nothing on every request.
        using var activity = LucineActivities.Source.HasListeners() ? LucineActivities.Source.StartActivity($"{aggregate.Name} {input?.GetType().Name}") : null;
        activity?.SetTag("lucine.aggregate", aggregate.Name);
        activity?.SetTag("lucine.aggregate.id", id);
        var delivery = new List<PendingEffect>();
        RunResult<TState, TDecision> result;

        // Effects are delivered after the lock is released: delivering may act on this very aggregate.
        using (StorageScope.Enter(run.Scope ?? StorageScope.Current))
        using (await locks.AcquireAsync(aggregate.Name + "/" + id, cancellationToken))
        {
            // One knowledge base version for the whole run: what is fulfilled and what is decided agree.
            var rules = await workflows.CurrentAsync(cancellationToken);
            var attempt = new Attempt<TState, TInput, TDecision>(aggregate, rules, id, input, run.MayExist);
            try
            {
                result = await DecideAndCommitAsync(attempt, run, delivery, cancellationToken);
            }
            finally
            {
                await aggregate.ReleaseUnusedAsync(id, attempt.Input, attempt.Committed, CancellationToken.None);
            }
        }

        activity?.SetTag("lucine.outcome", result switch
        {
            { Prior: not null } => "repeat",
            { Rejection: { } rejection } => rejection.Code,
            { Decision.IsNoChange: true } => "unchanged",
            _ => "committed",
        });

        // Delivering is the outbox's work, counted as such even when the request waits for it.
        using (StorageScope.Enter(StorageScope.Outbox))
        {
            await outbox.DeliverAsync(delivery.DistinctBy(e => (e.Owner, e.Key)).ToList(), cancellationToken);
        }

        return result;
    }

    private async Task<RunResult<TState, TDecision>> DecideAndCommitAsync<TState, TInput, TDecision>(
        Attempt<TState, TInput, TDecision> attempt, RunOptions run, List<PendingEffect> delivery, CancellationToken cancellationToken)
        where TState : class
        where TDecision : class, IDecision<TState>
    {
        var aggregate = attempt.Aggregate;
        for (var number = 1; ; number++)
        {
            // Effects younger than the grace period are still on their way from the commit that wrote
            // them; older ones were left behind (a crash, an outage) and are handed over again.
            var now = clock.GetUtcNow();
            var loaded = attempt.MayExist ? await aggregate.LoadAsync(attempt.Id, run.RepeatKey, now - outboxOptions.Value.RedeliveryGrace, cancellationToken) : null;
            if (loaded is not null)
            {
                delivery.AddRange(loaded.Pending);
                if (loaded.Prior is { } prior)
                {
                    return new(null, null, prior, loaded.State);
                }
            }

            var decision = await DecideAsync(attempt, loaded?.State, now, cancellationToken);
            if (decision?.Rejection is { } rejection)
            {
                return new(null, rejection, null, decision.State);
            }

            if (decision is null || decision.IsNoChange)
            {
                return decision is null ? new(null, aggregate.NotFound(attempt.Id), null, null) : new(decision, null, null, decision.State);
            }

            var indexed = await IndexAsync(attempt, decision, loaded?.IndexedDue, now, cancellationToken);
            var forget = delivered.Take(new OutboxAddress(aggregate.Name, attempt.Id));
            try
            {
                delivery.AddRange(await CommitAsync(aggregate, new Commit<TDecision>(attempt.Id, decision, loaded?.Version, indexed, run.RepeatKey, loaded?.Recent ?? [], forget), cancellationToken));
                attempt.Committed = decision.State;
                foreach (var observer in observers)
                {
                    observer.Committed(loaded?.State, decision);
                }

                return new(decision, null, null, decision.State);
            }
            catch (AggregateConflictException) when (number < options.Value.CommitAttempts)
            {
                // Another writer changed it since it was read: decide again on what it wrote, after a
                // short, growing, jittered pause so that two racers do not collide again.
                attempt.MayExist = true;
                LogConflict(logger, aggregate.Name, attempt.Id, number + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 10 << Math.Min(number, 6))), clock, cancellationToken);
            }
            catch (AggregateConflictException)
            {
                return new(null, Busy(aggregate.Name), null, null);
            }
        }
    }

    /// <summary>Writes the decision; the delivered rows it was to forget wait for another write if it fails.</summary>
    private async Task<IReadOnlyList<PendingEffect>> CommitAsync<TState, TInput, TDecision>(
        IAggregate<TState, TInput, TDecision> aggregate, Commit<TDecision> commit, CancellationToken cancellationToken)
        where TState : class
        where TDecision : class, IDecision<TState>
    {
        try
        {
            return await aggregate.CommitAsync(commit, cancellationToken);
        }
        catch
        {
            delivered.Return(new OutboxAddress(aggregate.Name, commit.Id), commit.Forget);
            throw;
        }
    }

    /// <summary>Decides, and while the workflow needs something from outside, finds it out and decides again.</summary>
    private static async Task<TDecision?> DecideAsync<TState, TInput, TDecision>(
        Attempt<TState, TInput, TDecision> attempt, TState? state, DateTimeOffset now, CancellationToken cancellationToken)
        where TState : class
        where TDecision : class, IDecision<TState>
    {
        for (var needs = 0; ; needs++)
        {
            var decision = attempt.Aggregate.Decide(attempt.Rules, attempt.Id, state, attempt.Input, now);
            if (decision?.Need is not { } need)
            {
                return decision;
            }

            if (needs == MaxNeeds)
            {
                throw new InvalidOperationException($"The {attempt.Aggregate.Name} workflow still needs {need} after {MaxNeeds} needs fulfilled.");
            }

            // Kept across attempts: a conflict does not ask the assistant or reserve a slot twice.
            attempt.Input = await attempt.Aggregate.FulfilAsync(attempt.Rules, need, decision.State, attempt.Input, cancellationToken);
        }
    }

    /// <summary>
    /// The index entry is written before the state that needs it: a crash in between leaves an entry
    /// the sweep finds stale, never a due time nobody will sweep.
    /// </summary>
    private async Task<DateTimeOffset?> IndexAsync<TState, TInput, TDecision>(
        Attempt<TState, TInput, TDecision> attempt, TDecision decision, DateTimeOffset? indexed, DateTimeOffset now, CancellationToken cancellationToken)
        where TState : class
        where TDecision : class, IDecision<TState>
    {
        var lookAgainAt = now + outboxOptions.Value.RedeliveryGrace + TimeSpan.FromSeconds(1);
        if (attempt.Aggregate.NextLook(attempt.Rules, decision, lookAgainAt) is not { } due || (indexed is { } at && at <= due && at > now))
        {
            return indexed;
        }

        await attempt.Aggregate.Due.AddAsync(attempt.Id, due, cancellationToken);
        return due;
    }

    private static Rejection Busy(string name) =>
        new(RejectionKind.Busy, name + "-busy", $"The {name} is being changed by other requests at the same moment; retry (a retry with the same id is safe).")
        {
            RetryAfter = TimeSpan.FromSeconds(1),
        };

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Aggregate} {Id} changed under this run; deciding again (attempt {Attempt}).")]
    private static partial void LogConflict(ILogger logger, string aggregate, string id, int attempt);

    /// <summary>One run's progress across its attempts: the input as fulfilled so far, and what was committed.</summary>
    private sealed class Attempt<TState, TInput, TDecision>(
        IAggregate<TState, TInput, TDecision> aggregate, KnowledgeWorkflows rules, string id, TInput input, bool mayExist)
        where TState : class
        where TDecision : class, IDecision<TState>
    {
        public IAggregate<TState, TInput, TDecision> Aggregate { get; } = aggregate;

        public KnowledgeWorkflows Rules { get; } = rules;

        public string Id { get; } = id;

        public TInput Input { get; set; } = input;

        public bool MayExist { get; set; } = mayExist;

        public TState? Committed { get; set; }
    }
}
