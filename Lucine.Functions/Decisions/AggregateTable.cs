using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lucine.Domain.Decisions;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Decisions;

/// <summary>An aggregate's partition as read in one query: its state row, undelivered effects, and the record of a repeated input.</summary>
public sealed record AggregateRows(TableEntity State, IReadOnlyList<PendingEffect> Pending, PriorResult? Prior);

/// <summary>
/// One aggregate per partition (PartitionKey = its id): the state row, the items its decisions add
/// (messages, entries; zero-padded sequence), a row per input id already handled ("repeat" rows),
/// and its outbox ("out-…"). A decision is written in one entity-group transaction guarded by the
/// state row's ETag; loading is one range query. Keys sort so that the state row comes first.
/// </summary>
public sealed class AggregateTable(TableClient table, string name, string stateKey, string itemPrefix, string repeatPrefix, EffectCatalog effects) : IOutbox
{
    private const string OutboxPrefix = "out-";

    public string Name => name;

    public TableClient Table => table;

    public static string Sequence(long sequence) => sequence.ToString("D12", CultureInfo.InvariantCulture);

    public string ItemKey(long sequence) => itemPrefix + Sequence(sequence);

    public async Task<AggregateRows?> LoadAsync(string partition, string? repeatKey, CancellationToken cancellationToken)
    {
        var filter = repeatKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {stateKey} or (RowKey ge {OutboxPrefix} and RowKey lt {TableRows.After(OutboxPrefix)}))")
            : TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and (RowKey eq {stateKey} or RowKey eq {RepeatRowKey(repeatKey)} or (RowKey ge {OutboxPrefix} and RowKey lt {TableRows.After(OutboxPrefix)}))");
        TableEntity? state = null;
        PriorResult? prior = null;
        var pending = new List<PendingEffect>();
        foreach (var row in await table.QueryAsync(filter, take: null, cancellationToken))
        {
            if (row.RowKey == stateKey)
            {
                state = row;
            }
            else if (row.RowKey.StartsWith(OutboxPrefix, StringComparison.Ordinal))
            {
                pending.Add(new PendingEffect(
                    new OutboxAddress(name, partition), row.RowKey, effects.Deserialize(row.GetString("Kind"), row.GetString("Payload")), row.Timestamp ?? default));
            }
            else
            {
                prior = new PriorResult(repeatKey!, row.Long("FirstSequence"), row.Long("LastSequence"));
            }
        }

        return state is null ? null : new AggregateRows(state, pending, prior);
    }

    /// <summary>
    /// Writes the state, the items and the effects whole, provided the state row is still at
    /// <paramref name="expectedVersion"/> (null: it must not exist yet). Returns the effects as stored.
    /// </summary>
    /// <param name="sequence">The state's last item sequence after this decision: it orders the outbox rows.</param>
    /// <param name="repeatKey">Recorded with the range of <paramref name="items"/> it produced.</param>
    public async Task<IReadOnlyList<PendingEffect>> CommitAsync(
        string partition,
        TableEntity state,
        string? expectedVersion,
        IReadOnlyList<(long Sequence, TableEntity Row)> items,
        string? repeatKey,
        IReadOnlyList<Effect> decided,
        long sequence,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>
        {
            expectedVersion is null
                ? new TableTransactionAction(TableTransactionActionType.Add, state)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, new ETag(expectedVersion)),
        };
        batch.AddRange(items.Select(item => new TableTransactionAction(TableTransactionActionType.Add, item.Row)));
        if (repeatKey is not null)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, RepeatRowKey(repeatKey))
            {
                ["FirstSequence"] = items.Count > 0 ? items[0].Sequence : 0L,
                ["LastSequence"] = items.Count > 0 ? items[^1].Sequence : 0L,
            }));
        }

        var pending = decided
            .Select((effect, index) => new PendingEffect(
                new OutboxAddress(name, partition), $"{OutboxPrefix}{Sequence(sequence)}-{index.ToString("D2", CultureInfo.InvariantCulture)}", effect, at))
            .ToList();
        batch.AddRange(pending.Select(effect => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, effect.Key)
        {
            ["Kind"] = effects.Kind(effect.Effect),
            ["Payload"] = effects.Serialize(effect.Effect),
        })));
        if (batch.Count > LucineTables.MaxBatchOperations)
        {
            throw new InvalidOperationException($"A {name} decision of {batch.Count} rows exceeds one transaction ({LucineTables.MaxBatchOperations}).");
        }

        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailures.IsConflict(e))
        {
            // 412: the state moved on since it was loaded. 409: a row this decision adds exists already,
            // which also means another writer committed first. Either way: load again, decide again.
            throw new AggregateConflictException($"{name} {partition}");
        }

        return pending;
    }

    /// <summary>Items numbered after <paramref name="after"/>, oldest first, at most <paramref name="take"/>, with the state row first.</summary>
    public Task<List<TableEntity>> ReadItemsAsync(string partition, long after, int? take, CancellationToken cancellationToken) =>
        table.QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {stateKey} or (RowKey gt {ItemKey(after)} and RowKey lt {TableRows.After(itemPrefix)}))"),
            take is { } count ? count + 1 : null,
            cancellationToken);

    public Task CompleteAsync(string partition, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        table.DeleteAsync(partition, keys, cancellationToken);

    /// <summary>Input ids are free text (a provider's message id): hex keeps any of them within what a key allows.</summary>
    private string RepeatRowKey(string key) => repeatPrefix + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(key));
}
