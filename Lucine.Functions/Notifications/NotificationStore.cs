using System.Text.Json;
using Lucine.Domain;
using Lucine.Domain.Notifications;
using Lucine.Domain.Tickets;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Notifications in the Notifications table: one row each, in its ticket's partition, changed only by
/// ETag-guarded replaces; plus one small lookup row per provider message id, so that a provider's
/// report finds its notification with point reads.
/// </summary>
public sealed class NotificationStore(LucineTables tables)
{
    /// <summary>History entries kept per notification: enough to see what happened, bounded to fit a row.</summary>
    public const int MaxHistory = 20;

    /// <summary>Longest error text kept per history entry, so that the history stays far below Table Storage's 32K-character property limit.</summary>
    public const int MaxErrorLength = 500;

    private const int MaxUpdateAttempts = 10;

    /// <summary>The notification with <paramref name="key"/> (about <paramref name="ticket"/>, if any), or null.</summary>
    public async Task<NotificationRecord?> FindAsync(string key, string? ticket, CancellationToken cancellationToken) =>
        (await ReadAsync(NotificationAddress.For(key, ticket), cancellationToken))?.Record;

    /// <summary>Every notification about <paramref name="ticket"/>, oldest first, with its history.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> ListForTicketAsync(string ticket, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, NotificationAddress.TicketPartition(ticket)));
        var records = new List<NotificationRecord>();
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await tables.Notifications.ExecuteQuerySegmentedAsync(query, continuation, cancellationToken);
            records.AddRange(segment.Results.Select(ToRecord));
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        return [.. records.OrderBy(r => r.QueuedAt)];
    }

    /// <summary>The notification a provider knows by <paramref name="providerMessageId"/> (Twilio's sid, SendGrid's X-Message-Id, the sink's id).</summary>
    public async Task<NotificationRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken) =>
        await FindAddressAsync(providerMessageId, cancellationToken) is { } address
            ? (await ReadAsync(address, cancellationToken))?.Record
            : null;

    /// <summary>False when a notification with this key is already stored.</summary>
    internal async Task<bool> AddAsync(NotificationRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Notifications.ExecuteAsync(TableOperation.Insert(ToRow(record)), cancellationToken);
            return true;
        }
        catch (StorageException e) when (e.RequestInformation.HttpStatusCode == 409)
        {
            return false;
        }
    }

    internal async Task<(NotificationRecord Record, string ETag)?> ReadAsync(NotificationAddress address, CancellationToken cancellationToken)
    {
        var result = await tables.Notifications.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(address.Partition, address.Row), cancellationToken);
        return result.Result is DynamicTableEntity row ? (ToRecord(row), row.ETag) : null;
    }

    /// <summary>Writes <paramref name="record"/> if the row is still at <paramref name="etag"/>; the new ETag, or null when it changed meanwhile.</summary>
    internal async Task<string?> TryReplaceAsync(NotificationRecord record, string etag, CancellationToken cancellationToken)
    {
        var row = ToRow(record);
        row.ETag = etag;
        try
        {
            var result = await tables.Notifications.ExecuteAsync(TableOperation.Replace(row), cancellationToken);
            return result.Etag;
        }
        catch (StorageException e) when (e.RequestInformation.HttpStatusCode == 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current record until it is written without a concurrent
    /// change in between; null from <paramref name="change"/> leaves it as it is. Null: no such notification.
    /// </summary>
    internal async Task<(NotificationRecord Before, NotificationRecord After)?> UpdateAsync(
        NotificationAddress address, Func<NotificationRecord, NotificationRecord?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await ReadAsync(address, cancellationToken) is not var (current, etag))
            {
                return null;
            }

            if (change(current) is not { } changed)
            {
                return (current, current);
            }

            if (await TryReplaceAsync(changed, etag, cancellationToken) is not null)
            {
                return (current, changed);
            }

            if (attempt >= MaxUpdateAttempts)
            {
                throw new InvalidOperationException($"Notification {current.Notification.Key} kept changing under {MaxUpdateAttempts} updates in a row.");
            }
        }
    }

    /// <summary>Lets a provider's later report find the notification by the provider's message id.</summary>
    internal async Task RememberMessageIdAsync(string provider, string providerMessageId, NotificationAddress address, CancellationToken cancellationToken)
    {
        var row = new DynamicTableEntity(MessagePartition(providerMessageId), provider)
        {
            Properties = { ["Partition"] = new EntityProperty(address.Partition), ["Row"] = new EntityProperty(address.Row) },
        };
        await tables.Notifications.ExecuteAsync(TableOperation.InsertOrReplace(row), cancellationToken);
    }

    internal async Task<NotificationAddress?> FindAddressAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, MessagePartition(providerMessageId)));
        query.TakeCount = 1;
        var segment = await tables.Notifications.ExecuteQuerySegmentedAsync(query, null, cancellationToken);
        return segment.Results.FirstOrDefault() is { } row
            ? new NotificationAddress(row.Properties["Partition"].StringValue, row.Properties["Row"].StringValue)
            : null;
    }

    private static string MessagePartition(string providerMessageId) => "m-" + TableKey.For(providerMessageId);

    private static DynamicTableEntity ToRow(NotificationRecord record)
    {
        var notification = record.Notification;
        var address = record.Address;
        return new DynamicTableEntity(address.Partition, address.Row)
        {
            Properties =
            {
                ["Key"] = new EntityProperty(notification.Key),
                ["Channel"] = new EntityProperty(Wire.Name(notification.Channel)),
                ["To"] = new EntityProperty(notification.To),
                ["Subject"] = new EntityProperty(notification.Subject),
                ["Text"] = new EntityProperty(notification.Text),
                ["Language"] = new EntityProperty(notification.Language.Code()),
                ["Ticket"] = new EntityProperty(notification.Ticket),
                ["OutsideWhatsAppWindow"] = new EntityProperty(notification.OutsideWhatsAppWindow),
                ["Fields"] = new EntityProperty(JsonSerializer.Serialize(notification.Fields, Wire.Json)),
                ["Status"] = new EntityProperty(Wire.Name(record.Status)),
                ["QueuedAt"] = new EntityProperty(record.QueuedAt),
                ["UpdatedAt"] = new EntityProperty(record.UpdatedAt),
                ["AttemptCount"] = new EntityProperty(record.AttemptCount),
                ["NextAttemptAt"] = new EntityProperty(record.NextAttemptAt),
                ["Provider"] = new EntityProperty(record.Provider),
                ["ProviderMessageId"] = new EntityProperty(record.ProviderMessageId),
                ["Attempts"] = new EntityProperty(JsonSerializer.Serialize(record.Attempts, Wire.Json)),
                ["ClaimId"] = new EntityProperty(record.ClaimId),
                ["ClaimedUntil"] = new EntityProperty(record.ClaimedUntil),
                ["UndeliverableReported"] = new EntityProperty(record.UndeliverableReported),
            },
        };
    }

    private static NotificationRecord ToRecord(DynamicTableEntity row)
    {
        string? Text(string name) => row.Properties.TryGetValue(name, out var value) ? value.StringValue : null;
        DateTimeOffset? Time(string name) => row.Properties.TryGetValue(name, out var value) ? value.DateTimeOffsetValue : null;
        LanguageCodes.TryParse(Text("Language"), out var language);
        var notification = new Notification(
            Text("Key") ?? string.Empty,
            Wire.Parse<ContactChannel>(Text("Channel") ?? string.Empty),
            Text("To") ?? string.Empty,
            Text("Subject") ?? string.Empty,
            Text("Text") ?? string.Empty,
            language)
        {
            Ticket = Text("Ticket"),
            OutsideWhatsAppWindow = row.Properties.TryGetValue("OutsideWhatsAppWindow", out var outside) && outside.BooleanValue == true,
            Fields = JsonSerializer.Deserialize<Dictionary<string, string>>(Text("Fields") ?? "{}", Wire.Json) ?? [],
        };
        return new NotificationRecord(notification, Wire.Parse<NotificationStatus>(Text("Status") ?? string.Empty), Time("QueuedAt") ?? default)
        {
            UpdatedAt = Time("UpdatedAt") ?? default,
            AttemptCount = row.Properties.TryGetValue("AttemptCount", out var count) ? count.Int32Value ?? 0 : 0,
            NextAttemptAt = Time("NextAttemptAt"),
            Provider = Text("Provider"),
            ProviderMessageId = Text("ProviderMessageId"),
            Attempts = JsonSerializer.Deserialize<List<DeliveryAttempt>>(Text("Attempts") ?? "[]", Wire.Json) ?? [],
            ClaimId = Text("ClaimId"),
            ClaimedUntil = Time("ClaimedUntil"),
            UndeliverableReported = row.Properties.TryGetValue("UndeliverableReported", out var reported) && reported.BooleanValue == true,
        };
    }
}
