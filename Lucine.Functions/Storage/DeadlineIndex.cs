using System.Globalization;
using Lucine.Domain.Sessions;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Storage;

/// <summary>An entry of a due index: <paramref name="Subject"/> (a session, a ticket, a message) may have something due at this time.</summary>
public sealed record IndexedDeadline(string Key, string Subject, DateTimeOffset DueAt);

/// <summary>
/// Durable timers: one row per (due time, subject) in a single partition, keyed by zero-padded ticks
/// so that "what is due" is one range read that returns only due rows, however many subjects wait for
/// later. The index can be stale or hold duplicates; the subject's own state always decides.
/// </summary>
public class DueIndex(CloudTable table, string partition)
{
    public async Task AddAsync(string subject, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var row = new DynamicTableEntity(partition, Ticks(dueAt) + "-" + subject)
        {
            Properties = { ["Subject"] = new EntityProperty(subject), ["DueAt"] = new EntityProperty(dueAt) },
        };
        await table.ExecuteAsync(TableOperation.InsertOrReplace(row), cancellationToken);
    }

    /// <summary>The earliest entries due at <paramref name="now"/> or before, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<IndexedDeadline>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, partition),
                TableOperators.And,
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, Ticks(now.AddTicks(1)))));
        var due = new List<IndexedDeadline>();
        TableContinuationToken? continuation = null;
        do
        {
            query.TakeCount = max - due.Count;
            var segment = await table.ExecuteQuerySegmentedAsync(query, continuation, cancellationToken);
            due.AddRange(segment.Results.Select(row =>
                new IndexedDeadline(row.RowKey, row.Properties["Subject"].StringValue, row.Properties["DueAt"].DateTimeOffsetValue ?? default)));
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null && due.Count < max);

        return due;
    }

    public async Task RemoveAsync(IndexedDeadline entry, CancellationToken cancellationToken)
    {
        try
        {
            await table.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(partition, entry.Key) { ETag = "*" }), cancellationToken);
        }
        catch (StorageException e) when (e.RequestInformation.HttpStatusCode == 404)
        {
            // Another sweep removed it first.
        }
    }

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}

/// <summary>When each session must next act on its own (its <see cref="Deadline"/>).</summary>
public sealed class DeadlineIndex(LucineTables tables) : DueIndex(tables.Deadlines, "due")
{
    public Task AddAsync(SessionId session, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        AddAsync(session.Value, dueAt, cancellationToken);
}
