using Lucine.Functions.Knowledge;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Decisions;

/// <summary>
/// One kind of aggregate the <see cref="DecisionRunner"/> runs (a session, a ticket): how it is
/// stored, which workflow decides it, how its needs are fulfilled and when it must be looked at again.
/// Everything else (concurrency, the due index, the outbox, recovery) is the runner's, the same for all.
/// </summary>
public interface IAggregate<TState, TInput, TDecision>
    where TState : class
    where TDecision : class, IDecision<TState>
{
    /// <summary>Names its outbox, its locks and its log lines.</summary>
    string Name { get; }

    /// <summary>Where its next due times are indexed, for the sweep to find.</summary>
    DueIndex Due { get; }

    /// <summary>Whether <paramref name="id"/> can name one (a due index entry is only ever written for one).</summary>
    bool IsId(string id);

    /// <summary>
    /// The state, its version, the effects committed before <paramref name="leftBefore"/> and still
    /// undelivered (left behind), and what an input with <paramref name="repeatKey"/> produced before. Null: none.
    /// </summary>
    Task<Loaded<TState>?> LoadAsync(string id, string? repeatKey, DateTimeOffset leftBefore, CancellationToken cancellationToken);

    /// <summary>
    /// The workflow's decision on the input. Null when there is no such aggregate and this input does not
    /// create one (<paramref name="state"/> is null when none is stored).
    /// </summary>
    TDecision? Decide(KnowledgeWorkflows rules, string id, TState? state, TInput input, DateTimeOffset now);

    /// <summary>Finds out what the workflow asked for and returns the input carrying it.</summary>
    Task<TInput> FulfilAsync(KnowledgeWorkflows rules, Need need, TState state, TInput input, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back what fulfilling reserved and the committed state does not keep (an operator's slot held
    /// for a chat that went elsewhere); <paramref name="committed"/> is null when nothing was written.
    /// </summary>
    Task ReleaseUnusedAsync(string id, TInput input, TState? committed, CancellationToken cancellationToken);

    /// <summary>When the aggregate must next act on its own (a deadline, an SLA check); null: never.</summary>
    DateTimeOffset? NextDue(KnowledgeWorkflows rules, TState state);

    /// <summary>
    /// When the sweep must look at the aggregate next: its own next due time and, when effects are
    /// left that nothing else would bring it back for, <paramref name="lookAgainAt"/>.
    /// </summary>
    DateTimeOffset? NextLook(KnowledgeWorkflows rules, TDecision decision, DateTimeOffset lookAgainAt);

    /// <summary>
    /// Writes the decision in one transaction, if the aggregate is still at the version it was loaded at.
    /// Throws <see cref="AggregateConflictException"/> when another writer got there first.
    /// </summary>
    Task<IReadOnlyList<PendingEffect>> CommitAsync(Commit<TDecision> commit, CancellationToken cancellationToken);

    /// <summary>The refusal for an input about an aggregate that does not exist.</summary>
    Rejection NotFound(string id);
}

/// <summary>Where an aggregate's undelivered effects wait: the outbox of its kind, and its partition there.</summary>
public readonly record struct OutboxAddress(string Outbox, string Partition);

/// <summary>An effect committed with a decision, not yet known to be delivered.</summary>
public sealed record PendingEffect(OutboxAddress Owner, string Key, Effect Effect);

/// <summary>What an earlier input with the same repeat key produced: the items (messages, entries) numbered from first to last.</summary>
public sealed record PriorResult(string Key, long FirstSequence, long LastSequence);

/// <param name="Version">Opaque; handed back in <see cref="Commit{TDecision}.ExpectedVersion"/>.</param>
/// <param name="IndexedDue">
/// The latest due time the index was given for this aggregate: a later one needs no new entry (the
/// sweep finds the earlier one and looks again), an earlier one does.
/// </param>
/// <param name="Prior">What an earlier input with the requested repeat key produced, if there was one.</param>
/// <param name="Recent">The inputs it handled last, by their ids: handed back with the next commit, which adds its own.</param>
public sealed record Loaded<TState>(TState State, string Version, IReadOnlyList<PendingEffect> Pending, DateTimeOffset? IndexedDue, PriorResult? Prior, IReadOnlyList<PriorResult> Recent);

/// <param name="ExpectedVersion">Null for an aggregate that does not exist yet.</param>
/// <param name="RepeatKey">Recorded with what the decision adds, so that the same input again finds it (<see cref="Loaded{TState}.Prior"/>).</param>
/// <param name="Recent">The inputs it handled last, as loaded (none for a new aggregate).</param>
/// <param name="Forget">Outbox rows of effects delivered since, deleted with this write (<see cref="DeliveredEffects"/>).</param>
public sealed record Commit<TDecision>(
    string Id, TDecision Decision, string? ExpectedVersion, DateTimeOffset? IndexedDue, string? RepeatKey, IReadOnlyList<PriorResult> Recent, IReadOnlyList<string> Forget);

/// <summary>The aggregate changed between load and commit; load again and decide again.</summary>
public sealed class AggregateConflictException(string id) : Exception($"{id} was changed by another writer.");
