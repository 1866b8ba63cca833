using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

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
    public async Task<IReadOnlyList<NotificationRecord>> ListForTicketAsync(string ticket, CancellationToken cancellationToken) =>
        [.. (await tables.Notifications.QueryAsync(TableRows.Partition(NotificationAddress.TicketPartition(ticket)), null, cancellationToken))
            .Select(ToRecord)
            .OrderBy(r => r.QueuedAt)];

    /// <summary>The ticket's notifications keep their delivery history, without whom they went to and what they said.</summary>
    public async Task AnonymiseTicketAsync(string ticket, string marker, CancellationToken cancellationToken)
    {
        foreach (var record in await ListForTicketAsync(ticket, cancellationToken))
        {
            await UpdateAsync(record.Address, current => current.Notification.To == marker ? null : current with
            {
                Notification = current.Notification with { To = marker, Subject = marker, Text = marker, Fields = new Dictionary<string, string>() },
            }, cancellationToken);
        }
    }

    /// <summary>Forgets the ticket's notifications and the providers' ids that led to them.</summary>
    public async Task ForgetTicketAsync(string ticket, CancellationToken cancellationToken)
    {
        var partition = NotificationAddress.TicketPartition(ticket);
        var rows = await tables.Notifications.QueryAsync(TableRows.Partition(partition), null, cancellationToken, ["RowKey", "ProviderMessageId"]);
        foreach (var providerMessageId in rows.Select(row => row.GetString("ProviderMessageId")).OfType<string>())
        {
            var lookups = await tables.Notifications.QueryAsync(TableRows.Partition(MessagePartition(providerMessageId)), null, cancellationToken, ["RowKey"]);
            await tables.Notifications.DeleteAsync(MessagePartition(providerMessageId), [.. lookups.Select(row => row.RowKey)], cancellationToken);
        }

        await tables.Notifications.DeleteAsync(partition, [.. rows.Select(row => row.RowKey)], cancellationToken);
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
            await tables.Notifications.AddEntityAsync(ToRow(record), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    internal async Task<(NotificationRecord Record, string ETag)?> ReadAsync(NotificationAddress address, CancellationToken cancellationToken) =>
        await tables.Notifications.FindAsync(address.Partition, address.Row, cancellationToken) is { } row ? (ToRecord(row), row.ETag.ToString()) : null;

    /// <summary>Writes <paramref name="record"/> if the row is still at <paramref name="etag"/>; the new ETag, or null when it changed meanwhile.</summary>
    internal async Task<string?> TryReplaceAsync(NotificationRecord record, string etag, CancellationToken cancellationToken)
    {
        try
        {
            var written = await tables.Notifications.UpdateEntityAsync(ToRow(record), new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return written.Headers.ETag?.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 412)
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
        var (before, after) = await tables.Notifications.UpdateAsync(
            address.Partition, address.Row, ToRecord, ToRow, current => current is null ? null : change(current), MaxUpdateAttempts, cancellationToken);
        return before is null ? null : (before, after!);
    }

    /// <summary>Lets a provider's later report find the notification by the provider's message id.</summary>
    internal async Task RememberMessageIdAsync(string provider, string providerMessageId, NotificationAddress address, CancellationToken cancellationToken) =>
        await tables.Notifications.UpsertEntityAsync(
            new TableEntity(MessagePartition(providerMessageId), provider) { ["Partition"] = address.Partition, ["Row"] = address.Row },
            TableUpdateMode.Replace,
            cancellationToken);

    internal async Task<NotificationAddress?> FindAddressAsync(string providerMessageId, CancellationToken cancellationToken) =>
        (await tables.Notifications.QueryAsync(TableRows.Partition(MessagePartition(providerMessageId)), 1, cancellationToken)).FirstOrDefault() is { } row
            ? new NotificationAddress(row.GetString("Partition"), row.GetString("Row"))
            : null;

    private static string MessagePartition(string providerMessageId) => "m-" + TableKey.For(providerMessageId);

    private static TableEntity ToRow(NotificationRecord record)
    {
        var notification = record.Notification;
        var address = record.Address;
        return new TableEntity(address.Partition, address.Row)
            {
                ["Key"] = notification.Key,
                ["Channel"] = Wire.Name(notification.Channel),
                ["To"] = notification.To,
                ["Subject"] = notification.Subject,
                ["Text"] = notification.Text,
                ["Language"] = notification.Language.Code(),
                ["OutsideWhatsAppWindow"] = notification.OutsideWhatsAppWindow,
                ["Fields"] = JsonSerializer.Serialize(notification.Fields, Wire.Json),
                ["Status"] = Wire.Name(record.Status),
                ["QueuedAt"] = record.QueuedAt,
                ["UpdatedAt"] = record.UpdatedAt,
                ["AttemptCount"] = record.AttemptCount,
                ["Attempts"] = JsonSerializer.Serialize(record.Attempts, Wire.Json),
                ["UndeliverableReported"] = record.UndeliverableReported,
            }
            .With("Ticket", notification.Ticket)
            .With("NextAttemptAt", record.NextAttemptAt)
            .With("Provider", record.Provider)
            .With("ProviderMessageId", record.ProviderMessageId)
            .With("ClaimId", record.ClaimId)
            .With("ClaimedUntil", record.ClaimedUntil);
    }

    private static NotificationRecord ToRecord(TableEntity row)
    {
        LanguageCodes.TryParse(row.GetString("Language"), out var language);
        var notification = new Notification(
            row.GetString("Key") ?? string.Empty,
            Wire.Parse<ContactChannel>(row.GetString("Channel") ?? string.Empty),
            row.GetString("To") ?? string.Empty,
            row.GetString("Subject") ?? string.Empty,
            row.GetString("Text") ?? string.Empty,
            language)
        {
            Ticket = row.GetString("Ticket"),
            OutsideWhatsAppWindow = row.Flag("OutsideWhatsAppWindow"),
            Fields = JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Fields") ?? "{}", Wire.Json) ?? [],
        };
        return new NotificationRecord(notification, Wire.Parse<NotificationStatus>(row.GetString("Status") ?? string.Empty), row.GetDateTimeOffset("QueuedAt") ?? default)
        {
            UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? default,
            AttemptCount = row.Int("AttemptCount"),
            NextAttemptAt = row.GetDateTimeOffset("NextAttemptAt"),
            Provider = row.GetString("Provider"),
            ProviderMessageId = row.GetString("ProviderMessageId"),
            Attempts = JsonSerializer.Deserialize<List<DeliveryAttempt>>(row.GetString("Attempts") ?? "[]", Wire.Json) ?? [],
            ClaimId = row.GetString("ClaimId"),
            ClaimedUntil = row.GetDateTimeOffset("ClaimedUntil"),
            UndeliverableReported = row.Flag("UndeliverableReported"),
        };
    }
}
