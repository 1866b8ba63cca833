// Temporary stand-in: replaced by the messaging branch at merge.
using Lucine.Domain.Notifications;

namespace Lucine.Functions.Notifications;

public sealed class NotificationOutbox
{
    public List<Notification> Sent { get; } = [];

    public Task QueueAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.AddRange(notifications);
        }

        return Task.CompletedTask;
    }
}
