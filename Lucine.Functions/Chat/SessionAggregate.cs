using Lucine.Functions.Decisions;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Chat;

/// <summary>A conversation as the <see cref="DecisionRunner"/> runs it.</summary>
public sealed class SessionAggregate(ISessionStore store, DeadlineIndex deadlines, SessionNeedFulfiller needs) : IAggregate<SessionState, SessionInput, SessionDecision>
{
    public string Name => TableSessionStore.OutboxName;

    public DueIndex Due => deadlines;

    public bool IsId(string id) => SessionId.TryParse(id, out _);

    public Task<Loaded<SessionState>?> LoadAsync(string id, string? repeatKey, DateTimeOffset leftBefore, CancellationToken cancellationToken) =>
        store.LoadAsync(SessionId.Parse(id), repeatKey, leftBefore, cancellationToken);

    /// <summary>A visitor's message or button starts the conversation when there is none; nothing else does.</summary>
    public SessionDecision? Decide(KnowledgeWorkflows rules, string id, SessionState? state, SessionInput input, DateTimeOffset now) =>
        (state ?? (input is VisitorWrote or VisitorPressed ? SessionState.Start(SessionId.Parse(id), now) : null)) is { } current
            ? rules.Sessions.Decide(current, input, now)
            : null;

    public Task<SessionInput> FulfilAsync(KnowledgeWorkflows rules, Need need, SessionState state, SessionInput input, CancellationToken cancellationToken) =>
        needs.FulfilAsync(rules.Knowledge, need, state, input, cancellationToken);

    public Task ReleaseUnusedAsync(string id, SessionInput input, SessionState? committed, CancellationToken cancellationToken) =>
        needs.ReleaseUnusedAsync(SessionId.Parse(id), input, committed, cancellationToken);

    /// <summary>
    /// A live session is looked at by its deadline. An ended one has none, but its last effects (the
    /// ticket it became) must not wait for a visitor who may never come back: it is looked at once they
    /// are overdue.
    /// </summary>
    public DateTimeOffset? NextLook(KnowledgeWorkflows rules, SessionDecision decision, DateTimeOffset lookAgainAt) =>
        NextDue(rules, decision.State) ?? lookAgainAt;

    public DateTimeOffset? NextDue(KnowledgeWorkflows rules, SessionState state) => state.Deadline?.At;

    public Task<IReadOnlyList<PendingEffect>> CommitAsync(Commit<SessionDecision> commit, CancellationToken cancellationToken) =>
        store.CommitAsync(commit, cancellationToken);

    /// <summary>An input or a read about a session that does not exist.</summary>
    public static Rejection Missing { get; } = Rejection.NotFound("session-not-found", "There is no session with this id.");

    public Rejection NotFound(string id) => Missing;
}
