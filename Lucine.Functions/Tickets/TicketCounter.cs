using System.Globalization;
using Lucine.Domain.Tickets;
using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Tickets;

/// <summary>
/// Hands out ticket numbers: one counter row per year in the tickets table, moved on only by a write
/// guarded by the ETag it was read with. Two instances numbering at once cannot both win, so numbers
/// are unique, and the loser counts again on top of the winner, so they stay consecutive.
/// </summary>
public sealed class TicketCounter(LucineTables tables)
{
    private const string Partition = "counter";

    /// <summary>
    /// Every lost race means another number was handed out meanwhile, so this bounds only contention far
    /// beyond ticket creation's (the tests race 40 callers); past it the storage conflict surfaces.
    /// </summary>
    private const int MaxAttempts = 100;

    public async Task<TicketNumber> NextAsync(int year, CancellationToken cancellationToken)
    {
        // Validates the year before anything is written.
        _ = new TicketNumber(year, 1);
        var rowKey = year.ToString("D4", CultureInfo.InvariantCulture);
        for (var attempt = 1; ; attempt++)
        {
            var read = await tables.Tickets.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(Partition, rowKey), cancellationToken);
            try
            {
                if (read.Result is DynamicTableEntity row)
                {
                    var last = (row.Properties["Last"].Int32Value ?? 0) + 1;
                    row.Properties["Last"] = new EntityProperty(last);
                    await tables.Tickets.ExecuteAsync(TableOperation.Replace(row), cancellationToken);
                    return new TicketNumber(year, last);
                }

                await tables.Tickets.ExecuteAsync(
                    TableOperation.Insert(new DynamicTableEntity(Partition, rowKey) { Properties = { ["Last"] = new EntityProperty(1) } }),
                    cancellationToken);
                return new TicketNumber(year, 1);
            }
            catch (StorageException e) when (e.RequestInformation.HttpStatusCode is 409 or 412 && attempt < MaxAttempts)
            {
                // Another number was taken since the read: read again.
            }
        }
    }
}
