using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Decisions;

/// <summary>
/// An aggregate's partition as read in one query: its state row, the effects left behind, and the inputs
/// it handled last (what an input with the requested key produced, if it is one of them).
/// </summary>
public sealed record AggregateRows(TableEntity State, IReadOnlyList<PendingEffect> Pending, IReadOnlyList<PriorResult> Recent, PriorResult? Prior);

/// <summary>
/// One aggregate per partition (PartitionKey = its id): the state row, the items its decisions add
/// (messages, entries; zero-padded sequence) and its outbox ("out-…"). The state row also remembers the
/// last inputs it handled by their ids, so that a retried one is answered with what it produced. A
/// decision is written in one entity-group transaction guarded by the state row's ETag; loading is one
/// range query. Keys sort so that the state row comes first.
/// </summary>
public sealed class AggregateTable(TableClient table, string name, string stateKey, string itemPrefix, EffectCatalog effects) : IOutbox
{
    /// <summary>
    /// Retries come within seconds, before anything else (a lost answer, a webhook delivered twice): the
    /// last few inputs are enough, and keep the state row small.
    /// </summary>
    public const int RecentInputs = 10;

    private const string OutboxPrefix = "out-";
    private const string RecentProperty = "RecentInputs";

    public string Name => name;

    public TableClient Table => table;

    public static string Sequence(long sequence) => sequence.ToString("D12", CultureInfo.InvariantCulture);

    public string ItemKey(long sequence) => itemPrefix + Sequence(sequence);

    /// <param name="leftBefore">
    /// Outbox rows count only when written before this: younger ones are still on their way from the
    /// commit that wrote them, and are not even parsed.
    /// </param>
    public async Task<AggregateRows?> LoadAsync(string partition, string? repeatKey, DateTimeOffset leftBefore, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and (RowKey eq {stateKey} or (RowKey ge {OutboxPrefix} and RowKey lt {TableRows.After(OutboxPrefix)}))");
        TableEntity? state = null;
        var pending = new List<PendingEffect>();
        foreach (var row in await table.QueryAsync(filter, take: null, cancellationToken))
        {
            if (row.RowKey == stateKey)
            {
                state = row;
            }
            else if (row.Timestamp < leftBefore)
            {
                pending.Add(new PendingEffect(new OutboxAddress(name, partition), row.RowKey, effects.Deserialize(row.GetString("Kind"), row.GetString("Payload"))));
            }
        }

        if (state is null)
        {
            return null;
        }

        var recent = state.GetString(RecentProperty) is { } json
            ? JsonSerializer.Deserialize<PriorResult[]>(json, RecentJson) ?? []
            : [];
        return new AggregateRows(state, pending, recent, recent.LastOrDefault(r => r.Key == repeatKey));
    }

    /// <summary>
    /// Writes the state, the items and the decision's effects whole, provided the state row is still at
    /// the commit's expected version (null: it must not exist yet). Returns the effects as stored.
    /// </summary>
    /// <param name="sequence">The state's last item sequence after this decision: it orders the outbox rows.</param>
    /// <remarks>The commit's repeat key joins the inputs the state row remembers, with the range of <paramref name="items"/> it produced; the outbox rows it names to forget are deleted in the same transaction when they fit in it.</remarks>
    public async Task<IReadOnlyList<PendingEffect>> CommitAsync<TDecision>(
        Commit<TDecision> commit,
        TableEntity state,
        IReadOnlyList<(long Sequence, TableEntity Row)> items,
        long sequence,
        CancellationToken cancellationToken)
        where TDecision : IDecision<object>
    {
        var partition = commit.Id;
        Remember(state, commit, items);
        var batch = new List<TableTransactionAction>
        {
            commit.ExpectedVersion is { } expectedVersion
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, new ETag(expectedVersion))
                : new TableTransactionAction(TableTransactionActionType.Add, state),
        };
        batch.AddRange(items.Select(item => new TableTransactionAction(TableTransactionActionType.Add, item.Row)));

        // A decision that adds no item (a visitor's new page) shares its sequence with the one before:
        // the version it was decided on keeps their outbox rows apart ('.' sorts them after it).
        var stem = OutboxPrefix + Sequence(sequence) + (items.Count == 0 && commit.ExpectedVersion is { } version ? "." + TableKey.For(version)[..12] : string.Empty);
        var pending = commit.Decision.Effects
            .Select((effect, index) => new PendingEffect(
                new OutboxAddress(name, partition), $"{stem}-{index.ToString("D2", CultureInfo.InvariantCulture)}", effect))
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

        var forgetting = commit.Forget.Take(LucineTables.MaxBatchOperations - batch.Count)
            .Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), ETag.All)).ToList();
        try
        {
            await SubmitAsync(batch, forgetting, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailures.IsConflict(e))
        {
            // 412: the state moved on since it was loaded. 409: a row this decision adds exists already,
            // which also means another writer committed first. Either way: load again, decide again.
            throw new AggregateConflictException($"{name} {partition}");
        }

        return pending;
    }

    /// <summary>The state row keeps the last inputs handled, the commit's own with the range of items it produced.</summary>
    private static void Remember<TDecision>(TableEntity state, Commit<TDecision> commit, IReadOnlyList<(long Sequence, TableEntity Row)> items)
    {
        var recent = commit.RepeatKey is { } repeatKey
            ? [.. commit.Recent.Append(new PriorResult(repeatKey, items.Count > 0 ? items[0].Sequence : 0, items.Count > 0 ? items[^1].Sequence : 0)).TakeLast(RecentInputs)]
            : commit.Recent;
        if (recent.Count > 0)
        {
            state[RecentProperty] = JsonSerializer.Serialize(recent, RecentJson);
        }
    }

    private async Task SubmitAsync(List<TableTransactionAction> batch, List<TableTransactionAction> forgetting, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync([.. batch, .. forgetting], cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailures.IsNotFound(e) && forgetting.Count > 0)
        {
            // A row to forget was gone already (found left behind and forgotten by another instance):
            // the decision is written without forgetting anything.
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    /// <summary>Items numbered after <paramref name="after"/>, oldest first, at most <paramref name="take"/>, with the state row first.</summary>
    public Task<List<TableEntity>> ReadItemsAsync(string partition, long after, int? take, CancellationToken cancellationToken) =>
        table.QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {stateKey} or (RowKey gt {ItemKey(after)} and RowKey lt {TableRows.After(itemPrefix)}))"),
            take is { } count ? count + 1 : null,
            cancellationToken);

    public Task CompleteAsync(string partition, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        table.DeleteAsync(partition, keys, cancellationToken);

    private static readonly JsonSerializerOptions RecentJson = new(JsonSerializerDefaults.Web);
}
