using System.Globalization;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Notifications;

/// <summary>A message the local sink recorded instead of sending it.</summary>
public sealed record SinkEntry(string Id, ContactChannel Channel, string To, string Subject, string Text, string Notification, string? Ticket, DateTimeOffset At);

/// <summary>
/// Where notifications go when a channel has no provider credentials: recorded in the Sink table and
/// shown on the dashboard, so that nothing is silently dropped. Each message is written twice, newest
/// first, in one partition for all and one per recipient, so that both lists are a single range read.
/// </summary>
public sealed class LocalSink(LucineTables tables, TimeProvider clock) : IChannelSender
{
    private const string AllPartition = "all";

    public const string ProviderName = "sink";

    public string Provider => ProviderName;

    public async Task<SendOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var entry = new SinkEntry(
            Guid.NewGuid().ToString("N"), notification.Channel, notification.To, notification.Subject, notification.Text, notification.Key, notification.Ticket, clock.GetUtcNow());
        foreach (var partition in new[] { AllPartition, RecipientPartition(entry.To) })
        {
            await tables.Sink.UpsertEntityAsync(ToRow(partition, entry), TableUpdateMode.Replace, cancellationToken);
        }

        return SendOutcome.Sent(entry.Id);
    }

    /// <summary>The newest messages first, all of them or those to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<SinkEntry>> ListAsync(string? to, int limit, CancellationToken cancellationToken) =>
        (await tables.Sink.QueryAsync(TableRows.Partition(string.IsNullOrWhiteSpace(to) ? AllPartition : RecipientPartition(to)), limit, cancellationToken))
        .Select(ToEntry)
        .ToList();

    /// <summary>
    /// Forgets the oldest messages recorded before <paramref name="before"/>, at most <paramref name="max"/>:
    /// newest first means the old ones are one range read at the end of the partition.
    /// </summary>
    public async Task<int> ForgetBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var old = await tables.Sink.QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {AllPartition} and RowKey gt {RowKey(before, string.Empty)}"), max, cancellationToken, ["RowKey", "To"]);
        await ForgetAsync(old, cancellationToken);
        return old.Count;
    }

    /// <summary>Forgets every message recorded for <paramref name="to"/>.</summary>
    public async Task ForgetRecipientAsync(string to, CancellationToken cancellationToken) =>
        await ForgetAsync(await tables.Sink.QueryAsync(TableRows.Partition(RecipientPartition(to)), null, cancellationToken, ["RowKey", "To"]), cancellationToken);

    /// <summary>Both copies of each message; the recipient's copy first, so that a retry still finds the message in the list of all.</summary>
    private async Task ForgetAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var recipient in rows.GroupBy(row => RecipientPartition(row.GetString("To") ?? string.Empty)))
        {
            await tables.Sink.DeleteAsync(recipient.Key, [.. recipient.Select(row => row.RowKey)], cancellationToken);
        }

        await tables.Sink.DeleteAsync(AllPartition, [.. rows.Select(row => row.RowKey)], cancellationToken);
    }

    /// <summary>Case does not tell recipients apart.</summary>
    private static string RecipientPartition(string to) => "to-" + TableKey.For(to.Trim().ToLowerInvariant());

    /// <summary>Newest first: the row key counts down as time goes on.</summary>
    private static string RowKey(SinkEntry entry) => RowKey(entry.At, entry.Id);

    private static string RowKey(DateTimeOffset at, string id) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + id;

    private static TableEntity ToRow(string partition, SinkEntry entry) => new TableEntity(partition, RowKey(entry))
        {
            ["Id"] = entry.Id,
            ["Channel"] = Wire.Name(entry.Channel),
            ["To"] = entry.To,
            ["Subject"] = entry.Subject,
            ["Text"] = entry.Text,
            ["Notification"] = entry.Notification,
            ["At"] = entry.At,
        }
        .With("Ticket", entry.Ticket);

    private static SinkEntry ToEntry(TableEntity row) => new(
        row.GetString("Id") ?? string.Empty,
        Wire.Parse<ContactChannel>(row.GetString("Channel") ?? string.Empty),
        row.GetString("To") ?? string.Empty,
        row.GetString("Subject") ?? string.Empty,
        row.GetString("Text") ?? string.Empty,
        row.GetString("Notification") ?? string.Empty,
        row.GetString("Ticket"),
        row.GetDateTimeOffset("At") ?? default);
}
