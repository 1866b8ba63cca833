using Azure;
using Azure.Data.Tables;
using Lucine.Domain;
using Lucine.Domain.Sessions;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Chat;

/// <summary>
/// Sessions in Table Storage. A request costs one read (a single range query over the session's
/// partition) and one write (an entity-group transaction guarded by the state row's ETag).
/// </summary>
public sealed class TableSessionStore(LucineTables tables) : ISessionStore
{
    public async Task<SessionSnapshot?> LoadAsync(SessionId id, string? clientMessageId, CancellationToken cancellationToken)
    {
        var partition = id.Value;
        var wanted = clientMessageId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {SessionRows.State} or (RowKey ge {SessionRows.OutboxPrefix} and RowKey lt {TableRows.After(SessionRows.OutboxPrefix)}))")
            : TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and (RowKey eq {SessionRows.State} or RowKey eq {SessionRows.ExchangeKey(clientMessageId)} or (RowKey ge {SessionRows.OutboxPrefix} and RowKey lt {TableRows.After(SessionRows.OutboxPrefix)}))");
        var rows = await tables.Sessions.QueryAsync(wanted, take: null, cancellationToken);

        TableEntity? state = null;
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

        return state is null ? null : new SessionSnapshot(SessionRows.ToState(state), state.ETag.ToString(), exchange, pending, SessionRows.IndexedDeadline(state));
    }

    public async Task<IReadOnlyList<PendingEffect>> CommitAsync(SessionCommit commit, CancellationToken cancellationToken)
    {
        var id = commit.State.Id;
        var state = SessionRows.ToEntity(commit.State, commit.IndexedDeadline);
        var batch = new List<TableTransactionAction>
        {
            commit.ExpectedVersion is null
                ? new TableTransactionAction(TableTransactionActionType.Add, state)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, new ETag(commit.ExpectedVersion)),
        };
        batch.AddRange(commit.Messages.Select(message => new TableTransactionAction(TableTransactionActionType.Add, SessionRows.ToEntity(id, message))));
        if (commit.Exchange is { } exchange)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, SessionRows.ToEntity(id, exchange)));
        }

        var effects = commit.Effects
            .Select((effect, index) => new PendingEffect(id, SessionRows.OutboxKey(commit.State.LastSequence, index), effect, commit.State.LastActivityAt))
            .ToList();
        batch.AddRange(effects.Select(effect => new TableTransactionAction(TableTransactionActionType.Add, SessionRows.ToEntity(effect))));
        if (batch.Count > LucineTables.MaxBatchOperations)
        {
            throw new InvalidOperationException($"A session decision of {batch.Count} rows exceeds one transaction ({LucineTables.MaxBatchOperations}).");
        }

        try
        {
            await tables.Sessions.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailures.IsConflict(e))
        {
            // 412: the state moved on since it was loaded. 409: a row this decision adds exists already,
            // which also means another writer committed first. Either way: load again, decide again.
            throw new SessionConflictException(id);
        }

        return effects;
    }

    public async Task<SessionState?> ReadStateAsync(SessionId id, CancellationToken cancellationToken) =>
        await tables.Sessions.FindAsync(id.Value, SessionRows.State, cancellationToken) is { } row ? SessionRows.ToState(row) : null;

    public async Task<MessagePage?> ReadMessagesAsync(SessionId id, long after, int limit, CancellationToken cancellationToken)
    {
        var partition = id.Value;
        var wanted = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and (RowKey eq {SessionRows.State} or (RowKey gt {SessionRows.MessageKey(after)} and RowKey lt {TableRows.After(SessionRows.MessagePrefix)}))");

        // One more message than asked for tells whether there are more; plus the state row.
        var rows = await tables.Sessions.QueryAsync(wanted, take: limit + 2, cancellationToken);
        var state = rows.FirstOrDefault(r => r.RowKey == SessionRows.State);
        if (state is null)
        {
            return null;
        }

        var messages = rows.Where(r => r.RowKey != SessionRows.State).Select(SessionRows.ToMessage).ToList();
        return new MessagePage(SessionRows.ToState(state), messages.Take(limit).ToList(), messages.Count > limit);
    }

    public Task CompleteEffectsAsync(SessionId id, IReadOnlyList<string> effectKeys, CancellationToken cancellationToken) =>
        tables.Sessions.DeleteAsync(id.Value, effectKeys, cancellationToken);

    public async Task<SessionNote> AddNoteAsync(SessionId id, string author, string text, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Time-ordered keys, with a random tail so that two notes in the same tick both keep.
        var key = SessionRows.NotePrefix + at.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var row = new TableEntity(id.Value, key) { ["Author"] = author, ["Text"] = text, ["At"] = at };
        await tables.Sessions.AddEntityAsync(row, cancellationToken);
        return SessionRows.ToNote(row);
    }

    public async Task<IReadOnlyList<SessionNote>> ReadNotesAsync(SessionId id, CancellationToken cancellationToken) =>
        (await tables.Sessions.QueryAsync(TableRows.Range(id.Value, SessionRows.NotePrefix), take: null, cancellationToken)).Select(SessionRows.ToNote).ToList();
}
