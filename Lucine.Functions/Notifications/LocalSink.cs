using System.Globalization;
using Lucine.Domain.Notifications;
using Lucine.Domain.Tickets;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;

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
            await tables.Sink.ExecuteAsync(TableOperation.InsertOrReplace(ToRow(partition, entry)), cancellationToken);
        }

        return SendOutcome.Sent(entry.Id);
    }

    /// <summary>The newest messages first, all of them or those to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<SinkEntry>> ListAsync(string? to, int limit, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, string.IsNullOrWhiteSpace(to) ? AllPartition : RecipientPartition(to)));
        var entries = new List<SinkEntry>();
        TableContinuationToken? continuation = null;
        do
        {
            query.TakeCount = limit - entries.Count;
            var segment = await tables.Sink.ExecuteQuerySegmentedAsync(query, continuation, cancellationToken);
            entries.AddRange(segment.Results.Select(ToEntry));
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null && entries.Count < limit);

        return entries;
    }

    /// <summary>Case does not tell recipients apart.</summary>
    private static string RecipientPartition(string to) => "to-" + TableKey.For(to.Trim().ToLowerInvariant());

    /// <summary>Newest first: the row key counts down as time goes on.</summary>
    private static string RowKey(SinkEntry entry) =>
        (DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + entry.Id;

    private static DynamicTableEntity ToRow(string partition, SinkEntry entry) => new(partition, RowKey(entry))
    {
        Properties =
        {
            ["Id"] = new EntityProperty(entry.Id),
            ["Channel"] = new EntityProperty(Wire.Name(entry.Channel)),
            ["To"] = new EntityProperty(entry.To),
            ["Subject"] = new EntityProperty(entry.Subject),
            ["Text"] = new EntityProperty(entry.Text),
            ["Notification"] = new EntityProperty(entry.Notification),
            ["Ticket"] = new EntityProperty(entry.Ticket),
            ["At"] = new EntityProperty(entry.At),
        },
    };

    private static SinkEntry ToEntry(DynamicTableEntity row)
    {
        string Text(string name) => row.Properties.TryGetValue(name, out var value) ? value.StringValue ?? string.Empty : string.Empty;
        return new SinkEntry(
            Text("Id"),
            Wire.Parse<ContactChannel>(Text("Channel")),
            Text("To"),
            Text("Subject"),
            Text("Text"),
            Text("Notification"),
            row.Properties.TryGetValue("Ticket", out var ticket) ? ticket.StringValue : null,
            row.Properties["At"].DateTimeOffsetValue ?? default);
    }
}
