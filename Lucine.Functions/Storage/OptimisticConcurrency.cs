using Azure;
using Azure.Data.Tables;

namespace Lucine.Functions.Storage;

/// <summary>What an ETag-guarded update did: the row as it was read, and as it was written (the same when nothing changed).</summary>
public sealed record Updated<T>(T? Before, T? After);

/// <summary>
/// The one way a row is changed in place by concurrent writers: read it, change it, write it back only
/// if it is still as it was read (its ETag), and on a lost race read again and change again. A row
/// that does not exist is created if the change says so; two creators race on the insert the same way.
/// </summary>
internal static class OptimisticConcurrency
{
    /// <param name="read">The value a stored row holds.</param>
    /// <param name="write">The row that holds a value (its keys included).</param>
    /// <param name="change">The new value from the current one (null: no such row); null leaves the row as it is.</param>
    /// <param name="maxAttempts">Every lost race means another writer changed the row meanwhile; past this the conflict surfaces.</param>
    public static async Task<Updated<T>> UpdateAsync<T>(
        this TableClient table,
        string partition,
        string row,
        Func<TableEntity, T> read,
        Func<T, TableEntity> write,
        Func<T?, T?> change,
        int maxAttempts,
        CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await table.FindAsync(partition, row, cancellationToken);
            var current = stored is null ? null : read(stored);
            if (change(current) is not { } changed || changed.Equals(current))
            {
                return new Updated<T>(current, current);
            }

            try
            {
                if (stored is null)
                {
                    await table.AddEntityAsync(write(changed), cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(write(changed), stored.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return new Updated<T>(current, changed);
            }
            catch (RequestFailedException e) when (StorageFailures.IsConflict(e) && attempt < maxAttempts)
            {
                // Another writer changed (or created) the row since it was read: change what it wrote,
                // a moment later so that racing writers spread out instead of colliding again.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }
}
