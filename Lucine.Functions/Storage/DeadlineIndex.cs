using System.Globalization;
using Lucine.Domain.Sessions;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Storage;

/// <summary>An entry of the deadline index: this session may have something due at this time.</summary>
public sealed record IndexedDeadline(string Key, SessionId SessionId, DateTimeOffset DueAt);

/// <summary>
/// The durable timers: one row per (due time, session) in a single partition, keyed by zero-padded
/// ticks so that "what is due" is one range read that returns only due rows, however many sessions
/// wait for later. The index can be stale or hold duplicates; the session's state always decides.
/// </summary>
public sealed class DeadlineIndex(LucineTables tables)
{
    private const string Partition = "due";

    public async Task AddAsync(SessionId session, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var row = new DynamicTableEntity(Partition, Key(dueAt, session))
        {
            Properties = { ["Session"] = new EntityProperty(session.Value), ["DueAt"] = new EntityProperty(dueAt) },
        };
        await tables.Deadlines.ExecuteAsync(TableOperation.InsertOrReplace(row), cancellationToken);
    }

    /// <summary>The earliest entries due at <paramref name="now"/> or before, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<IndexedDeadline>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, Partition),
                TableOperators.And,
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, Ticks(now.AddTicks(1)))));
        var due = new List<IndexedDeadline>();
        TableContinuationToken? continuation = null;
        do
        {
            query.TakeCount = max - due.Count;
            var segment = await tables.Deadlines.ExecuteQuerySegmentedAsync(query, continuation, cancellationToken);
            foreach (var row in segment.Results)
            {
                if (SessionId.TryParse(row.Properties["Session"].StringValue, out var session))
                {
                    due.Add(new IndexedDeadline(row.RowKey, session, row.Properties["DueAt"].DateTimeOffsetValue ?? default));
                }
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null && due.Count < max);

        return due;
    }

    public async Task RemoveAsync(IndexedDeadline entry, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Deadlines.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(Partition, entry.Key) { ETag = "*" }), cancellationToken);
        }
        catch (StorageException e) when (e.RequestInformation.HttpStatusCode == 404)
        {
            // Another sweep removed it first.
        }
    }

    private static string Key(DateTimeOffset dueAt, SessionId session) => Ticks(dueAt) + "-" + session.Value;

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
