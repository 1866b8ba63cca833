using Lucine.Functions.Storage;

namespace Lucine.Functions.Notifications;

/// <summary>When each notification must next be looked at: sent, retried, or its failure reported.</summary>
public sealed class NotificationRetryIndex(LucineTables tables) : DueIndex(tables.Deadlines, "notify")
{
    internal Task AddAsync(NotificationAddress address, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        AddAsync(address.Subject, dueAt, cancellationToken);
}
