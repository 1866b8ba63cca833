using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Queue;

/// <summary>A queued session as operators and routing see it.</summary>
public sealed record QueuedSession(QueueEntry Entry, string? Preview);

/// <summary>
/// The sessions waiting for an operator, in one small partition, so that the queue is one read.
/// Written after each session commit from the outbox (idempotently); a session that left the queue
/// but still has a row is caught by its state when someone tries to take it.
/// </summary>
public sealed class QueueIndex(LucineTables tables, QueueMetrics metrics)
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

        var row = new TableEntity(Partition, session.Value)
        {
            ["Priority"] = Wire.Name(entry.Priority),
            ["QueuedAt"] = entry.QueuedAt,
        }.With("Preview", moved.Preview is { Length: > MaxPreviewLength } preview ? preview[..MaxPreviewLength] : moved.Preview);

        // Merge: a priority change keeps the last preview.
        await tables.Queue.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task RemoveAsync(SessionId session, CancellationToken cancellationToken) =>
        await tables.Queue.DeleteEntityAsync(Partition, session.Value, ETag.All, cancellationToken);

    /// <summary>Every queued session, in service order.</summary>
    public async Task<IReadOnlyList<QueuedSession>> ListAsync(CancellationToken cancellationToken)
    {
        var queued = (await tables.Queue.QueryAsync(TableRows.Partition(Partition), null, cancellationToken))
            .Select(row => SessionId.TryParse(row.RowKey, out var id)
                ? new QueuedSession(new QueueEntry(id, Wire.Parse<QueuePriority>(row.GetString("Priority")), row.GetDateTimeOffset("QueuedAt") ?? default), row.GetString("Preview"))
                : null)
            .OfType<QueuedSession>()
            .OrderBy(s => s.Entry, QueueEntry.ServiceOrder)
            .ToList();
        metrics.Read(queued.Count);
        return queued;
    }
}
