using Lucine.Domain.Queue;
using Lucine.Domain.Sessions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Queue;

/// <summary>A queued session as operators and routing see it.</summary>
public sealed record QueuedSession(QueueEntry Entry, string? Preview);

/// <summary>
/// The sessions waiting for an operator, in one small partition, so that the queue is one read.
/// Written after each session commit from the outbox (idempotently); a session that left the queue
/// but still has a row is caught by its state when someone tries to take it.
/// </summary>
public sealed class QueueIndex(LucineTables tables)
{
    private const string Partition = "queued";
    private const int MaxPreviewLength = 200;

    public async Task ApplyAsync(SessionId session, QueueMoved moved, CancellationToken cancellationToken)
    {
        if (moved.Entry is not { } entry)
        {
            await RemoveAsync(session, cancellationToken);
            return;
        }

        var row = new DynamicTableEntity(Partition, session.Value)
        {
            Properties =
            {
                ["Priority"] = new EntityProperty(Wire.Name(entry.Priority)),
                ["QueuedAt"] = new EntityProperty(entry.QueuedAt),
            },
        };
        if (moved.Preview is { } preview)
        {
            row.Properties["Preview"] = new EntityProperty(preview.Length > MaxPreviewLength ? preview[..MaxPreviewLength] : preview);
        }

        // Merge: a priority change keeps the last preview.
        await tables.Queue.ExecuteAsync(TableOperation.InsertOrMerge(row), cancellationToken);
    }

    public async Task RemoveAsync(SessionId session, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Queue.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(Partition, session.Value) { ETag = "*" }), cancellationToken);
        }
        catch (StorageException e) when (e.RequestInformation.HttpStatusCode == 404)
        {
        }
    }

    /// <summary>Every queued session, in service order.</summary>
    public async Task<IReadOnlyList<QueuedSession>> ListAsync(CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, Partition));
        var sessions = new List<QueuedSession>();
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await tables.Queue.ExecuteQuerySegmentedAsync(query, continuation, cancellationToken);
            foreach (var row in segment.Results)
            {
                if (SessionId.TryParse(row.RowKey, out var id))
                {
                    var entry = new QueueEntry(id, Wire.Parse<QueuePriority>(row.Properties["Priority"].StringValue), row.Properties["QueuedAt"].DateTimeOffsetValue ?? default);
                    sessions.Add(new QueuedSession(entry, row.Properties.TryGetValue("Preview", out var preview) ? preview.StringValue : null));
                }
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        return sessions.OrderBy(s => s.Entry, QueueEntry.ServiceOrder).ToList();
    }
}
