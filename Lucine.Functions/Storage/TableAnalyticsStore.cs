using System.Globalization;
using Azure.Data.Tables;

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
                await tables.Analytics.SubmitTransactionAsync(
                    chunk.Select(record => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(day.Key, record))), cancellationToken);
            }
        }
    }

    private static string Partition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string partition, AnalyticsRecord record)
    {
        var e = record.Event;
        var entity = new TableEntity(partition, $"{e.At.UtcDateTime.ToString("HHmmssfffffff", CultureInfo.InvariantCulture)}-{record.Key}")
        {
            ["Type"] = e.Type,
            ["Subject"] = e.Subject,
            ["At"] = e.At,
        };
        foreach (var (name, value) in e.Data)
        {
            entity["Data_" + name] = value;
        }

        return entity;
    }
}
