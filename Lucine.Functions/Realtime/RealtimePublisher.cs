using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Lucine.Functions.Queue;

namespace Lucine.Functions.Realtime;

public sealed record MessageEvent(string SessionId, MessageDto Message);

public sealed record StatusEvent(string SessionId, SessionStatus Status, SessionOutcome? Outcome, OperatorDto? Operator);

public sealed record QueuePositionEvent(string SessionId, int Position, int EstimatedWaitMinutes);

public sealed record QueueChangedEvent(string SessionId, bool Queued, int Length);

public sealed record AssignedEvent(string SessionId);

public sealed record AlertEvent(string SessionId, string Alert);

public sealed record TicketAlertEvent(string Ticket, string Alert);

/// <summary>The visitor of a chat is on another page.</summary>
public sealed record PageEvent(string SessionId, string Url, string? Title);

public sealed record TicketChangedEvent(string Ticket, TicketStatus Status, SlaState Sla);

/// <summary>An operator as the widget and dashboard show them.</summary>
public sealed record OperatorDto(string Username, string DisplayName, string? Avatar)
{
    public static OperatorDto? From(OperatorRef? person) => person is null ? null : new(person.Username, person.DisplayName, person.Avatar);
}

/// <summary>Sends the outbox's realtime effects to the connected widgets and dashboards.</summary>
public sealed class RealtimePublisher(IRealtimeChannel channel, QueuePolicy queuePolicy)
{
    public async Task PublishAsync(SessionId session, PublishUpdate update, CancellationToken cancellationToken)
    {
        var operators = new[] { update.Operator?.Username, update.PreviousOperator?.Username }.OfType<string>().Distinct().Select(RealtimeUsers.Operator);
        IReadOnlyCollection<string> everyone = [RealtimeUsers.Visitor(session), .. operators];
        foreach (var message in update.Messages)
        {
            await channel.SendToUsersAsync(everyone, RealtimeEvents.Message, new MessageEvent(session.Value, MessageDto.From(session, message)), cancellationToken);
        }

        if (update.StatusChanged || update.PreviousOperator is not null)
        {
            await channel.SendToUsersAsync(everyone, RealtimeEvents.Status, new StatusEvent(session.Value, update.Status, null, OperatorDto.From(update.Operator)), cancellationToken);
        }

        if (update.NewOperator && update.Operator is { } current)
        {
            await channel.SendToUsersAsync([RealtimeUsers.Operator(current.Username)], RealtimeEvents.Assigned, new AssignedEvent(session.Value), cancellationToken);
        }
    }

    /// <summary>Every queued visitor gets their new position; operators learn that the queue changed.</summary>
    public async Task QueueMovedAsync(IReadOnlyList<SessionId> changed, IReadOnlyList<QueuedSession> queue, Staffing staffing, CancellationToken cancellationToken)
    {
        foreach (var (entry, position) in QueuePolicy.Positions(queue.Select(q => q.Entry)))
        {
            await channel.SendToUsersAsync([RealtimeUsers.Visitor(entry.SessionId)], RealtimeEvents.Queue,
                new QueuePositionEvent(entry.SessionId.Value, position, queuePolicy.EstimatedWaitMinutes(position, staffing)), cancellationToken);
        }

        foreach (var session in changed)
        {
            await channel.SendToOperatorsAsync(RealtimeEvents.QueueChanged,
                new QueueChangedEvent(session.Value, queue.Any(q => q.Entry.SessionId == session), queue.Count), cancellationToken);
        }
    }

    /// <summary>Only the operator in charge is shown the page; with nobody in charge, it waits in the state for whoever takes the chat.</summary>
    public Task PageChangedAsync(SessionId session, PageChanged changed, CancellationToken cancellationToken) => changed.Operator is { } username
        ? channel.SendToUsersAsync([RealtimeUsers.Operator(username)], RealtimeEvents.Page, new PageEvent(session.Value, changed.Page.Url, changed.Page.Title), cancellationToken)
        : Task.CompletedTask;

    public Task AlertAsync(SessionId session, AlertOperator alert, CancellationToken cancellationToken) =>
        channel.SendToUsersAsync([RealtimeUsers.Operator(alert.Username)], RealtimeEvents.Alert, new AlertEvent(session.Value, alert.Alert), cancellationToken);

    /// <summary>An alert about a ticket: to its assignee, or to every operator when it has none or concerns the supervisors.</summary>
    public Task TicketAlertAsync(string ticket, AlertStaff alert, CancellationToken cancellationToken) => alert.Username is { } username
        ? channel.SendToUsersAsync([RealtimeUsers.Operator(username)], RealtimeEvents.TicketAlert, new TicketAlertEvent(ticket, alert.Alert), cancellationToken)
        : channel.SendToOperatorsAsync(RealtimeEvents.TicketAlert, new TicketAlertEvent(ticket, alert.Alert), cancellationToken);

    public Task TicketChangedAsync(string ticket, TicketStatus status, SlaState sla, CancellationToken cancellationToken) =>
        channel.SendToOperatorsAsync(RealtimeEvents.TicketChanged, new TicketChangedEvent(ticket, status, sla), cancellationToken);

    /// <summary>Someone is typing in a chat: told to the other side, as it happens (a lost one is not worth a retry).</summary>
    public Task TypingAsync(string user, TypingEvent typing, CancellationToken cancellationToken) =>
        channel.SendToUsersAsync([user], RealtimeEvents.Typing, typing, cancellationToken);
}
