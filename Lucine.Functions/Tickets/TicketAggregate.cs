using Lucine.Functions.Decisions;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tickets;

/// <summary>A ticket as the <see cref="DecisionRunner"/> runs it.</summary>
public sealed class TicketAggregate(TicketStore store, TicketDueIndex due) : IAggregate<TicketState, TicketInput, TicketDecision>
{
    public string Name => TicketStore.OutboxName;

    public DueIndex Due => due;

    public bool IsId(string id) => TicketNumber.TryParse(id, out _);

    public Task<Loaded<TicketState>?> LoadAsync(string id, string? repeatKey, DateTimeOffset leftBefore, CancellationToken cancellationToken) =>
        store.LoadAsync(TicketNumber.Parse(id), repeatKey, leftBefore, cancellationToken);

    /// <summary>Opening creates the ticket; nothing else does.</summary>
    public TicketDecision? Decide(KnowledgeWorkflows rules, string id, TicketState? state, TicketInput input, DateTimeOffset now) => (state, input) switch
    {
        (null, TicketOpens opens) => rules.Tickets.Open(opens.Draft, opens.Links, now),
        (null, _) => null,
        _ => rules.Tickets.Decide(state, input, now),
    };

    public Task<TicketInput> FulfilAsync(KnowledgeWorkflows rules, Need need, TicketState state, TicketInput input, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"A ticket decides without asking anything; it asked for {need}.");

    public Task ReleaseUnusedAsync(string id, TicketInput input, TicketState? committed, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Its next SLA check or automatic close; and, when the decision left effects, a look once they are
    /// overdue, so that one whose delivery failed is handed over again even when the ticket has nothing
    /// else due for days.
    /// </summary>
    public DateTimeOffset? NextLook(KnowledgeWorkflows rules, TicketDecision decision, DateTimeOffset lookAgainAt) =>
        new[] { NextDue(rules, decision.State), decision.Effects.Count > 0 ? lookAgainAt : (DateTimeOffset?)null }.Min();

    public DateTimeOffset? NextDue(KnowledgeWorkflows rules, TicketState state) => rules.Tickets.NextCheck(state);

    public Task<IReadOnlyList<PendingEffect>> CommitAsync(Commit<TicketDecision> commit, CancellationToken cancellationToken) =>
        store.CommitAsync(commit, cancellationToken);

    /// <summary>An input or a read about a ticket that does not exist.</summary>
    public static Rejection Missing { get; } = Rejection.NotFound("ticket-not-found", "There is no ticket with this number.");

    public Rejection NotFound(string id) => Missing;
}
