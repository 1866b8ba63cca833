using Lucine.Functions.Hosting;
using Lucine.Functions.Queue;
using Lucine.Functions.Tickets;

namespace Lucine.Functions.Chat;

/// <summary>
/// Finds out what the session workflow asks for before it decides: the assistant's answer (with as
/// much of the conversation as the assistant remembers), a ticket number, an operator's slot; and
/// gives back the slots a committed session did not keep.
/// </summary>
public sealed class SessionNeedFulfiller(IAssistant assistant, ISessionStore store, TicketCounter tickets, OperatorReservations reservations, ParkClock clock)
{
    public async Task<SessionInput> FulfilAsync(KnowledgeBase knowledge, Need need, SessionState state, SessionInput input, CancellationToken cancellationToken) =>
        (need, input) switch
        {
            (NeedsAnswer asked, VisitorWrote wrote) => wrote with
            {
                Answer = await assistant.AnswerAsync(knowledge, new AssistantQuestion(asked.Text, asked.Language, clock.Today, await HistoryAsync(state, cancellationToken)), cancellationToken),
            },

            // A retry may leave a gap in the numbering, never a duplicate.
            (NeedsTicketNumber, VisitorWrote wrote) => wrote with { NewTicket = await tickets.NextAsync(cancellationToken) },
            (NeedsTicketNumber, VisitorPressed pressed) => pressed with { NewTicket = await tickets.NextAsync(cancellationToken) },
            (NeedsRouting asked, VisitorPressed pressed) => pressed with { Routing = await reservations.RouteAsync(state.Id, asked.Except, cancellationToken) },
            (NeedsRouting asked, DeadlineReached reached) => reached with { Routing = await reservations.RouteAsync(state.Id, asked.Except, cancellationToken) },
            (NeedsRouting asked, OperatorLost lost) => lost with { Routing = await reservations.RouteAsync(state.Id, asked.Except, cancellationToken) },
            (NeedsSlot asked, OperatorTakes takes) => takes with { Slot = await reservations.ReserveAsync(asked.Username, state.Id, asked.RequireOnline, cancellationToken) },
            (NeedsSlot asked, OperatorTransfers transfers) => transfers with { Slot = await reservations.ReserveAsync(asked.Username, state.Id, asked.RequireOnline, cancellationToken) },
            _ => throw new InvalidOperationException($"A {input.GetType().Name} cannot carry what {need} asks for."),
        };

    /// <summary>A slot reserved for the chat goes back unless the committed session gave the chat to its operator.</summary>
    public async Task ReleaseUnusedAsync(SessionId session, SessionInput input, SessionState? committed, CancellationToken cancellationToken)
    {
        var held = input switch
        {
            VisitorPressed { Routing.Reserved: { } person } => person,
            DeadlineReached { Routing.Reserved: { } person } => person,
            OperatorLost { Routing.Reserved: { } person } => person,
            OperatorTakes { Slot: { Result: Reservation.Reserved, Operator: { } person } } => person,
            OperatorTransfers { Slot: { Result: Reservation.Reserved, Operator: { } person } } => person,
            _ => null,
        };
        if (held is not null && committed?.Operator?.Username != held.Username)
        {
            await reservations.ReleaseAsync(held.Username, session, cancellationToken);
        }
    }

    /// <summary>The conversation so far, as far back as the assistant remembers (nothing is read for one that does not).</summary>
    private async Task<IReadOnlyList<ChatMessage>> HistoryAsync(SessionState state, CancellationToken cancellationToken)
    {
        var memory = assistant.ConversationMemory;
        if (memory == 0 || state.LastSequence == 0)
        {
            return [];
        }

        var page = await store.ReadMessagesAsync(state.Id, Math.Max(0, state.LastSequence - memory), memory, cancellationToken);
        return page?.Messages ?? [];
    }
}
