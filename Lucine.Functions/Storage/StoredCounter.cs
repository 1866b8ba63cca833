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
    private const string LastProperty = "Last";

    /// <summary>Adds one and returns the new value (1 for a counter that did not exist).</summary>
    /// <param name="maxAttempts">Every lost race means another caller counted meanwhile; past this the storage conflict surfaces.</param>
    /// <param name="at">When given, kept as the time of the last count (the app's clock, not storage's).</param>
    public static async Task<int> IncrementAsync(TableClient table, string partition, string row, int maxAttempts, CancellationToken cancellationToken, DateTimeOffset? at = null)
    {
        var counted = await table.UpdateAsync(
            partition,
            row,
            stored => new Count(stored.Int(Property), stored.GetDateTimeOffset(LastProperty)),
            count => new TableEntity(partition, row) { [Property] = count.Value, [LastProperty] = count.Last },
            current => new Count((current?.Value ?? 0) + 1, at ?? current?.Last),
            maxAttempts,
            cancellationToken);
        return counted.After!.Value;
    }

    public static async Task<int> ReadAsync(TableClient table, string partition, string row, CancellationToken cancellationToken) =>
        (await ReadStampedAsync(table, partition, row, cancellationToken)).Value;

    /// <summary>The count and the time of its last increment (null when none was given).</summary>
    public static async Task<(int Value, DateTimeOffset? Last)> ReadStampedAsync(TableClient table, string partition, string row, CancellationToken cancellationToken) =>
        await table.FindAsync(partition, row, cancellationToken) is { } stored ? (stored.Int(Property), stored.GetDateTimeOffset(LastProperty)) : (0, null);

    /// <summary>The SDK takes a missing row as deleted already.</summary>
    public static Task DeleteAsync(TableClient table, string partition, string row, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(partition, row, Azure.ETag.All, cancellationToken);

    private sealed record Count(int Value, DateTimeOffset? Last);
}
