using Lucine.Domain;
using Lucine.Domain.Sessions;
using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Chat;

/// <summary>
/// Sessions in Table Storage. A request costs one read (a single range query over the session's
/// partition) and one write (an entity-group transaction guarded by the state row's ETag).
/// </summary>
public sealed class TableSessionStore(LucineTables tables) : ISessionStore
{
    public async Task<SessionSnapshot?> LoadAsync(SessionId id, string? clientMessageId, CancellationToken cancellationToken)
    {
        var wanted = TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, SessionRows.State);
        if (clientMessageId is not null)
        {
            wanted = TableQuery.CombineFilters(
                wanted, TableOperators.Or,
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, SessionRows.ExchangeKey(clientMessageId)));
        }

        wanted = TableQuery.CombineFilters(wanted, TableOperators.Or, Range(SessionRows.OutboxPrefix));
        var rows = await QueryPartitionAsync(id, wanted, take: null, cancellationToken);

        DynamicTableEntity? state = null;
        ExchangeRecord? exchange = null;
        var pending = new List<PendingEffect>();
        foreach (var row in rows)
        {
            if (row.RowKey == SessionRows.State)
            {
                state = row;
            }
            else if (row.RowKey.StartsWith(SessionRows.ExchangePrefix, StringComparison.Ordinal))
            {
                exchange = SessionRows.ToExchange(row);
            }
            else
            {
                pending.Add(SessionRows.ToPendingEffect(row));
            }
        }

        return state is null ? null : new SessionSnapshot(SessionRows.ToState(state), state.ETag, exchange, pending, SessionRows.IndexedDeadline(state));
    }

    public async Task<IReadOnlyList<PendingEffect>> CommitAsync(SessionCommit commit, CancellationToken cancellationToken)
    {
        var id = commit.State.Id;
        var batch = new TableBatchOperation();
        var state = SessionRows.ToEntity(commit.State, commit.IndexedDeadline);
        if (commit.ExpectedVersion is null)
        {
            batch.Insert(state);
        }
        else
        {
            state.ETag = commit.ExpectedVersion;
            batch.Replace(state);
        }

        foreach (var message in commit.Messages)
        {
            batch.Insert(SessionRows.ToEntity(id, message));
        }

        if (commit.Exchange is { } exchange)
        {
            batch.Insert(SessionRows.ToEntity(id, exchange));
        }

        var effects = commit.Effects
            .Select((effect, index) => new PendingEffect(id, SessionRows.OutboxKey(commit.State.LastSequence, index), effect, commit.State.LastActivityAt))
            .ToList();
        foreach (var effect in effects)
        {
            batch.Insert(SessionRows.ToEntity(effect));
        }

        if (batch.Count > LucineTables.MaxBatchOperations)
        {
            throw new InvalidOperationException($"A session decision of {batch.Count} rows exceeds one transaction ({LucineTables.MaxBatchOperations}).");
        }

        try
        {
            await tables.Sessions.ExecuteBatchAsync(batch, cancellationToken);
        }
        catch (StorageException e) when (e.RequestInformation.HttpStatusCode is 409 or 412)
        {
            // 412: the state moved on since it was loaded. 409: a row this decision adds exists already,
            // which also means another writer committed first. Either way: load again, decide again.
            throw new SessionConflictException(id);
        }

        return effects;
    }

    public async Task<SessionState?> ReadStateAsync(SessionId id, CancellationToken cancellationToken)
    {
        var result = await tables.Sessions.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(id.Value, SessionRows.State), cancellationToken);
        return result.Result is DynamicTableEntity row ? SessionRows.ToState(row) : null;
    }

    public async Task<MessagePage?> ReadMessagesAsync(SessionId id, long after, int limit, CancellationToken cancellationToken)
    {
        var wanted = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, SessionRows.State),
            TableOperators.Or,
            TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.GreaterThan, SessionRows.MessageKey(after)),
                TableOperators.And,
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, Partitions.After(SessionRows.MessagePrefix))));

        // One more message than asked for tells whether there are more; plus the state row.
        var rows = await QueryPartitionAsync(id, wanted, take: limit + 2, cancellationToken);
        var state = rows.FirstOrDefault(r => r.RowKey == SessionRows.State);
        if (state is null)
        {
            return null;
        }

        var messages = rows.Where(r => r.RowKey != SessionRows.State).Select(SessionRows.ToMessage).ToList();
        return new MessagePage(SessionRows.ToState(state), messages.Take(limit).ToList(), messages.Count > limit);
    }

    public Task CompleteEffectsAsync(SessionId id, IReadOnlyList<string> effectKeys, CancellationToken cancellationToken) =>
        Partitions.DeleteAsync(tables.Sessions, id.Value, effectKeys, cancellationToken);

    public async Task<SessionNote> AddNoteAsync(SessionId id, string author, string text, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Time-ordered keys, with a random tail so that two notes in the same tick both keep.
        var key = SessionRows.NotePrefix + at.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var row = new DynamicTableEntity(id.Value, key)
        {
            Properties =
            {
                ["Author"] = new EntityProperty(author),
                ["Text"] = new EntityProperty(text),
                ["At"] = new EntityProperty(at),
            },
        };
        await tables.Sessions.ExecuteAsync(TableOperation.Insert(row), cancellationToken);
        return SessionRows.ToNote(row);
    }

    public async Task<IReadOnlyList<SessionNote>> ReadNotesAsync(SessionId id, CancellationToken cancellationToken) =>
        (await QueryPartitionAsync(id, Range(SessionRows.NotePrefix), take: null, cancellationToken)).Select(SessionRows.ToNote).ToList();

    private static string Range(string prefix) => Partitions.Range(prefix);

    private Task<List<DynamicTableEntity>> QueryPartitionAsync(SessionId id, string rowFilter, int? take, CancellationToken cancellationToken) =>
        Partitions.QueryAsync(tables.Sessions, id.Value, rowFilter, take, cancellationToken);
}
