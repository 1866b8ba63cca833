using Azure.Data.Tables;

namespace Lucine.Functions.Storage;

/// <summary>
/// A counter in one table row, moved on only by an ETag-guarded write (<see cref="OptimisticConcurrency"/>):
/// two instances counting at once cannot both win, and the loser counts again on top of the winner, so
/// every caller gets its own value and none is skipped.
/// </summary>
internal static class StoredCounter
{
    private const string Property = "Count";

    /// <summary>Adds one and returns the new value (1 for a counter that did not exist).</summary>
    /// <param name="maxAttempts">Every lost race means another caller counted meanwhile; past this the storage conflict surfaces.</param>
    public static async Task<int> IncrementAsync(TableClient table, string partition, string row, int maxAttempts, CancellationToken cancellationToken)
    {
        var counted = await table.UpdateAsync(
            partition,
            row,
            stored => new Count(stored.Int(Property)),
            count => new TableEntity(partition, row) { [Property] = count.Value },
            current => new Count((current?.Value ?? 0) + 1),
            maxAttempts,
            cancellationToken);
        return counted.After!.Value;
    }

    public static async Task<int> ReadAsync(TableClient table, string partition, string row, CancellationToken cancellationToken) =>
        (await table.FindAsync(partition, row, cancellationToken))?.Int(Property) ?? 0;

    /// <summary>The SDK takes a missing row as deleted already.</summary>
    public static Task DeleteAsync(TableClient table, string partition, string row, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(partition, row, Azure.ETag.All, cancellationToken);

    private sealed record Count(int Value);
}
