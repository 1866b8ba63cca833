using Azure;
using Azure.Data.Tables;

namespace Lucine.Functions.Storage;

/// <summary>
/// The reads and writes every store shares: filters on key ranges, queries that follow continuations,
/// deletes of rows that may be gone already, and typed reads of optional properties (Table Storage
/// does not keep a null property: an absent one reads as null).
/// </summary>
internal static class TableRows
{
    /// <summary>The first string after every key with a prefix ("msg-" → "msg."), to bound a range.</summary>
    public static string After(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static string Partition(string partition) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}");

    /// <summary>The rows of a partition whose keys start with <paramref name="prefix"/>.</summary>
    public static string Range(string partition, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {After(prefix)}");

    /// <summary>Rows matching <paramref name="filter"/> in key order, following continuations, at most <paramref name="take"/>.</summary>
    /// <param name="select">Only these properties (null: all), when the rows hold more than the caller needs.</param>
    public static async Task<List<TableEntity>> QueryAsync(
        this TableClient table, string filter, int? take, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var rows = new List<TableEntity>();
        if (take <= 0)
        {
            return rows;
        }

        await foreach (var page in table.QueryAsync<TableEntity>(filter, take, select, cancellationToken).AsPages().WithCancellation(cancellationToken))
        {
            rows.AddRange(page.Values);
            if (rows.Count >= take)
            {
                return rows.GetRange(0, take.Value);
            }
        }

        return rows;
    }

    /// <summary>One row, or null when there is none.</summary>
    public static async Task<TableEntity?> FindAsync(
        this TableClient table, string partition, string row, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var read = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, select, cancellationToken);
        return read.HasValue ? read.Value : null;
    }

    /// <summary>
    /// Deletes rows of one partition that may already be gone (delivered outbox effects: another
    /// dispatch may have got there first), in as few transactions as it can.
    /// </summary>
    public static async Task DeleteAsync(this TableClient table, string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(LucineTables.MaxBatchOperations))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), ETag.All)), cancellationToken);
            }
            catch (RequestFailedException e) when (StorageFailures.IsNotFound(e))
            {
                // One of them was gone: the others one by one (a delete of a missing row succeeds alone).
                foreach (var key in chunk)
                {
                    await table.DeleteEntityAsync(partition, key, ETag.All, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Deletes at most <paramref name="max"/> rows of the partitions that sort before <paramref name="before"/>
    /// (tables partitioned by day, "yyyyMMdd…", lose their old days this way): a range read of the
    /// oldest partitions, never a scan of the newer ones. Returns how many rows went.
    /// </summary>
    public static async Task<int> DeletePartitionsBeforeAsync(this TableClient table, string before, int max, CancellationToken cancellationToken)
    {
        var old = await table.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey lt {before}"), max, cancellationToken, ["PartitionKey", "RowKey"]);
        foreach (var partition in old.GroupBy(row => row.PartitionKey))
        {
            await table.DeleteAsync(partition.Key, [.. partition.Select(row => row.RowKey)], cancellationToken);
        }

        return old.Count;
    }

    /// <summary>Sets a property, or leaves it out when null (Table Storage keeps no nulls).</summary>
    public static TableEntity With(this TableEntity row, string name, object? value)
    {
        if (value is not null)
        {
            row[name] = value;
        }

        return row;
    }

    public static int Int(this TableEntity row, string name) => row.GetInt32(name) ?? 0;

    public static long Long(this TableEntity row, string name) => row.GetInt64(name) ?? 0;

    public static bool Flag(this TableEntity row, string name) => row.GetBoolean(name) ?? false;
}
