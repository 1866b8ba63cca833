using Lucine.Functions.Decisions;
using Lucine.Functions.Notifications;
using Lucine.Functions.Realtime;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>Opens the ticket a conversation became.</summary>
public sealed class TicketsFromChats(TicketDesk desk) : IEffectHandler<OpenTicket>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<OpenTicket>> effects, CancellationToken cancellationToken)
    {
        foreach (var opened in effects)
        {
            await desk.OpenFromChatAsync(SessionId.Parse(opened.Subject), opened.Effect, cancellationToken);
        }
    }
}

/// <summary>
/// Warns the staff: on screen (the assignee, or everyone), and by email to the supervisors' alert
/// addresses when the alert says so (handed to the notification queue, which retries on its own).
/// </summary>
public sealed class StaffAlerts(RealtimePublisher realtime, NotificationQueue notifications, IOptions<TicketOptions> options) : IEffectHandler<AlertStaff>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<AlertStaff>> effects, CancellationToken cancellationToken)
    {
        foreach (var (ticket, key, alert) in effects)
        {
            await realtime.TicketAlertAsync(ticket, alert, cancellationToken);
            if (alert.EmailSubject is { } subject && alert.EmailText is { } text)
            {
                await notifications.QueueAsync(options.Value.AlertEmails
                    .Select((address, i) => new Notification($"{ticket}-{key}-{i}", ContactChannel.Email, address, subject, text, Language.Italian) { Ticket = ticket })
                    .ToList(), cancellationToken);
            }
        }
    }
}

/// <summary>Keeps the operators' ticket list and screens in step with a ticket.</summary>
public sealed class TicketChanges(TicketIndex index, RealtimePublisher realtime) : IEffectHandler<TicketChanged>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<TicketChanged>> effects, CancellationToken cancellationToken)
    {
        foreach (var changed in effects)
        {
            var state = changed.Effect.State;
            await index.ApplyAsync(state, cancellationToken);
            await realtime.TicketChangedAsync(state.Number.ToString(), state.Status, state.Sla, cancellationToken);
        }
    }
}

/// <summary>Sends the customer a message on their channel, through the notification queue (which retries on its own).</summary>
public sealed class CustomerNotifications(NotificationQueue notifications) : IEffectHandler<NotifyCustomer>
{
    public Task HandleAsync(IReadOnlyList<Delivery<NotifyCustomer>> effects, CancellationToken cancellationToken) =>
        notifications.QueueAsync(effects.Select(e => e.Effect.Notification).ToList(), cancellationToken);
}
