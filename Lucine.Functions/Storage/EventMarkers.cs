using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Lucine.Functions.Storage;

/// <summary>
/// How an event delivered at least once (an outbox effect) is counted once: a marker row per event
/// (<c>m-</c> + a hash of its key, which names nobody) added in the same entity-group transaction as
/// the rows the event changes. A redelivered event finds its marker: the add fails (409) and nothing
/// is changed twice. The reports' days and the blind spots' groups both count this way. A marker only
/// matters while its event may come again (the outbox's retries and the next load of its aggregate:
/// hours), so markers older than a week (<c>Privacy:Retention:EventMarkers</c>) are pruned by the retention run.
/// </summary>
public static class EventMarkers
{
    public const string Prefix = "m-";

    /// <summary>When the event was counted, on the app's clock: what pruning goes by.</summary>
    private const string CountedAt = "CountedAt";

    public static string RowKey(string eventKey) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventKey)), 0, 16);

    /// <summary>The marker of an event, to add in the transaction that counts it.</summary>
    public static TableTransactionAction Add(string partition, string eventKey, DateTimeOffset now) =>
        new(TableTransactionActionType.Add, new TableEntity(partition, RowKey(eventKey)) { [CountedAt] = now });

    /// <summary>The events of <paramref name="events"/> whose marker is not in the partition yet (after a transaction failed on one).</summary>
    public static async Task<List<T>> UncountedAsync<T>(
        TableClient table, string partition, IReadOnlyList<T> events, Func<T, string> eventKey, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(events.Select(e => table.FindAsync(partition, RowKey(eventKey(e)), cancellationToken, select: ["PartitionKey"])));
        return events.Where((_, i) => found[i] is null).ToList();
    }

    /// <summary>
    /// Deletes at most <paramref name="max"/> markers of <paramref name="table"/> counted before
    /// <paramref name="before"/>, in any partition; returns how many went.
    /// </summary>
    public static async Task<int> PruneAsync(TableClient table, DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {Prefix} and RowKey lt {TableRows.After(Prefix)} and CountedAt lt {before}");
        var old = await table.QueryAsync(filter, max, cancellationToken, ["PartitionKey", "RowKey"]);
        foreach (var partition in old.GroupBy(row => row.PartitionKey))
        {
            await table.DeleteAsync(partition.Key, [.. partition.Select(row => row.RowKey)], cancellationToken);
        }

        return old.Count;
    }
}
