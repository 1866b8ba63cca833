using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Storage;

/// <summary>
/// Reads and deletes within one partition, for the stores that keep an aggregate (a session, a
/// ticket) with its rows and its outbox in a partition of its own.
/// </summary>
internal static class Partitions
{
    /// <summary>The first string after every key with a prefix ("msg-" → "msg."), to bound a range.</summary>
    public static string After(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>A RowKey filter for the keys that start with <paramref name="prefix"/>.</summary>
    public static string Range(string prefix) => TableQuery.CombineFilters(
        TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.GreaterThanOrEqual, prefix),
        TableOperators.And,
        TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, After(prefix)));

    public static string RowKeyIs(string rowKey) => TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, rowKey);

    /// <summary>Rows of one partition matching a RowKey filter, in RowKey order, following continuations.</summary>
    /// <param name="columns">Only these properties (null: all), when the rows hold more than the caller needs.</param>
    public static async Task<List<DynamicTableEntity>> QueryAsync(
        CloudTable table, string partition, string rowFilter, int? take, CancellationToken cancellationToken, IList<string>? columns = null)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, partition),
                TableOperators.And,
                rowFilter))
            .Select(columns);
        var rows = new List<DynamicTableEntity>();
        TableContinuationToken? continuation = null;
        do
        {
            query.TakeCount = take - rows.Count;
            var segment = await table.ExecuteQuerySegmentedAsync(query, continuation, cancellationToken);
            rows.AddRange(segment.Results);
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null && (take is null || rows.Count < take));

        return rows;
    }

    /// <summary>Deletes rows that may already be gone (delivered outbox effects): another dispatch may have got there first.</summary>
    public static async Task DeleteAsync(CloudTable table, string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(LucineTables.MaxBatchOperations))
        {
            var batch = new TableBatchOperation();
            foreach (var key in chunk)
            {
                batch.Delete(new DynamicTableEntity(partition, key) { ETag = "*" });
            }

            try
            {
                await table.ExecuteBatchAsync(batch, cancellationToken);
            }
            catch (StorageException e) when (e.RequestInformation.HttpStatusCode == 404)
            {
                foreach (var key in chunk)
                {
                    try
                    {
                        await table.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(partition, key) { ETag = "*" }), cancellationToken);
                    }
                    catch (StorageException missing) when (missing.RequestInformation.HttpStatusCode == 404)
                    {
                    }
                }
            }
        }
    }
}
