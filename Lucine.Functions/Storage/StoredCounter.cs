using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Storage;

/// <summary>
/// A counter in one table row, moved on only by a write guarded by the ETag it was read with: two
/// instances counting at once cannot both win, and the loser counts again on top of the winner, so
/// every caller gets its own value and none is skipped.
/// </summary>
internal static class StoredCounter
{
    private const string Property = "Count";

    /// <summary>Adds one and returns the new value (1 for a counter that did not exist).</summary>
    /// <param name="maxAttempts">Every lost race means another caller counted meanwhile; past this the storage conflict surfaces.</param>
    public static async Task<int> IncrementAsync(CloudTable table, string partition, string row, int maxAttempts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await table.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(partition, row), cancellationToken);
            try
            {
                if (read.Result is DynamicTableEntity entity)
                {
                    var count = (entity.Properties[Property].Int32Value ?? 0) + 1;
                    entity.Properties[Property] = new EntityProperty(count);
                    await table.ExecuteAsync(TableOperation.Replace(entity), cancellationToken);
                    return count;
                }

                await table.ExecuteAsync(TableOperation.Insert(new DynamicTableEntity(partition, row) { Properties = { [Property] = new EntityProperty(1) } }), cancellationToken);
                return 1;
            }
            catch (StorageException e) when (e.RequestInformation.HttpStatusCode is 409 or 412 && attempt < maxAttempts)
            {
                // Another caller counted since the read: read again and count on top of it.
            }
        }
    }
}
