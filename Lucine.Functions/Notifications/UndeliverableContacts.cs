using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Tells the ticket inbox, once per failed notification, that its contact could not be reached. If the
/// inbox fails, the notification stays marked unreported and indexed, and the sweep tells it again.
/// </summary>
public sealed partial class UndeliverableContacts(
    IServiceProvider services,
    NotificationStore store,
    NotificationRetryIndex index,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<UndeliverableContacts> logger)
{
    // Resolved on first use: the tickets feature that implements the inbox also queues notifications,
    // so taking it in the constructor would make a dependency cycle.
    private readonly Lazy<ITicketInbox> inbox = new(services.GetRequiredService<ITicketInbox>);

    /// <summary>Reports <paramref name="failed"/> unless that was done already. Only a notification about a ticket concerns the inbox.</summary>
    internal async Task ReportAsync(NotificationRecord failed, CancellationToken cancellationToken)
    {
        var notification = failed.Notification;
        if (failed.Status != NotificationStatus.Failed || failed.UndeliverableReported)
        {
            return;
        }

        if (notification.Ticket is not null)
        {
            try
            {
                await inbox.Value.ContactUndeliverableAsync(notification.Ticket, notification.Channel, notification.To, Reason(failed), cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogInboxFailed(logger, notification.Key, e);
                await index.AddAsync(failed.Address, clock.GetUtcNow() + options.Value.FirstRetryDelay, cancellationToken);
                return;
            }
        }
        else
        {
            LogNoTicket(logger, notification.Key, notification.Channel, Reason(failed));
        }

        await store.UpdateAsync(failed.Address, current => current.UndeliverableReported ? null : current with { UndeliverableReported = true }, cancellationToken);
    }

    /// <summary>A contact the provider refused for a message we cannot match to a notification of ours, but that names its ticket.</summary>
    internal Task ReportUnmatchedAsync(string? ticket, ContactChannel channel, string address, string reason, CancellationToken cancellationToken) =>
        inbox.Value.ContactUndeliverableAsync(ticket, channel, address, reason, cancellationToken);

    private static string Reason(NotificationRecord failed) =>
        failed.Attempts.LastOrDefault(a => a.Outcome != AttemptOutcome.Sent) is { } last
            ? $"{last.Provider} {last.Status ?? Wire.Name(last.Outcome)}{(last.Error is null ? string.Empty : ": " + last.Error)}"
            : "not delivered";

    [LoggerMessage(Level = LogLevel.Error, Message = "The ticket inbox could not be told that notification {Key} failed; the sweep tells it again.")]
    private static partial void LogInboxFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Key} on {Channel} failed for good ({Reason}); it is about no ticket, so no inbox is told.")]
    private static partial void LogNoTicket(ILogger logger, string key, ContactChannel channel, string reason);
}
