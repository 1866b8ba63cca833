using System.Globalization;
using Lucine.Domain;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Storage;

/// <summary>
/// Analytics events, one partition per UTC day so that a report reads the days it covers and nothing
/// else. The RowKey is the event time plus the event's own key: writing an event again (a retried
/// dispatch) replaces it instead of counting it twice.
/// </summary>
public sealed class TableAnalyticsStore(LucineTables tables) : IAnalyticsStore
{
    public async Task RecordAsync(IReadOnlyList<AnalyticsRecord> records, CancellationToken cancellationToken)
    {
        foreach (var day in records.GroupBy(r => Partition(r.Event.At)))
        {
            foreach (var chunk in day.Chunk(LucineTables.MaxBatchOperations))
            {
                var batch = new TableBatchOperation();
                foreach (var record in chunk)
                {
                    batch.InsertOrReplace(ToEntity(day.Key, record));
                }

                await tables.Analytics.ExecuteBatchAsync(batch, cancellationToken);
            }
        }
    }

    private static string Partition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static DynamicTableEntity ToEntity(string partition, AnalyticsRecord record)
    {
        var e = record.Event;
        var entity = new DynamicTableEntity(
            partition,
            $"{e.At.UtcDateTime.ToString("HHmmssfffffff", CultureInfo.InvariantCulture)}-{record.Key}")
        {
            Properties =
            {
                ["Type"] = new EntityProperty(e.Type),
                ["Subject"] = new EntityProperty(e.Subject),
                ["At"] = new EntityProperty(e.At),
            },
        };
        foreach (var (name, value) in e.Data)
        {
            entity.Properties["Data_" + name] = new EntityProperty(value);
        }

        return entity;
    }
}
