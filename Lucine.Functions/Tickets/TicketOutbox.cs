using Lucine.Domain;
using Lucine.Domain.Notifications;
using Lucine.Domain.Tickets;
using Lucine.Functions.Notifications;
using Lucine.Functions.Realtime;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>
/// Carries out what a ticket decision committed to its outbox: messages to the customer (handed to the
/// notification pipeline, which retries them on its own), alerts to the staff, the operators' list,
/// the reports. Each step is idempotent, so an effect handed over twice does no harm; what fails stays
/// in the outbox and is handed over again the next time the ticket is loaded (the sweep loads it).
/// </summary>
public sealed partial class TicketOutbox(
    TicketStore store,
    TicketIndex index,
    NotificationOutbox notifications,
    RealtimePublisher realtime,
    IAnalyticsStore analytics,
    IOptions<TicketOptions> options,
    ILogger<TicketOutbox> logger)
{
    public async Task DeliverAsync(IReadOnlyList<PendingTicketEffect> effects, CancellationToken cancellationToken)
    {
        if (effects.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var pending in effects)
            {
                await DeliverAsync(pending, cancellationToken);
            }

            await analytics.RecordAsync(
                effects.Where(e => e.Effect is TicketAnalytics).Select(e => new AnalyticsRecord($"{e.Number}-{e.Key}", ((TicketAnalytics)e.Effect).Event)).ToList(),
                cancellationToken);
            await store.CompleteEffectsAsync(effects[0].Number, effects.Select(e => e.Key).ToList(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLeftover(logger, effects[0].Number.ToString(), e);
        }
    }

    private async Task DeliverAsync(PendingTicketEffect pending, CancellationToken cancellationToken)
    {
        switch (pending.Effect)
        {
            case NotifyCustomer notify:
                await notifications.QueueAsync([notify.Notification], cancellationToken);
                break;
            case AlertStaff alert:
                await realtime.TicketAlertAsync(pending.Number.ToString(), alert, cancellationToken);
                if (alert.EmailSubject is { } subject && alert.EmailText is { } text)
                {
                    await notifications.QueueAsync(options.Value.AlertEmails
                        .Select((address, i) => new Notification($"{pending.Number}-{pending.Key}-{i}", ContactChannel.Email, address, subject, text, Language.Italian)
                        {
                            Ticket = pending.Number.ToString(),
                        })
                        .ToList(), cancellationToken);
                }

                break;
            case TicketChanged changed:
                await index.ApplyAsync(changed.State, cancellationToken);
                await realtime.TicketChangedAsync(changed.State.Number.ToString(), changed.State.Status, changed.State.Sla, cancellationToken);
                break;
            case TicketAnalytics:
                break;
            default:
                throw new InvalidOperationException($"No delivery is defined for {pending.Effect.GetType().Name}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {Number}: delivering its effects failed; they stay in its outbox until the ticket is next loaded.")]
    private static partial void LogLeftover(ILogger logger, string number, Exception exception);
}
