using Azure.Data.Tables;
using Lucine.Functions.Decisions;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Chat;

/// <summary>
/// Sessions in Table Storage, one partition each (<see cref="AggregateTable"/>): "_state" (with the
/// client message ids it handled last), "msg-…" (messages), "note-…" (operators' notes), "out-…"
/// (undelivered effects). A request costs one read (one range query) and one write (one
/// entity-group transaction guarded by the state row's ETag).
/// </summary>
public sealed class TableSessionStore(LucineTables tables, EffectCatalog effects) : ISessionStore
{
    public const string OutboxName = "session";

    internal const string NotePrefix = "note-";

    public AggregateTable Partitions { get; } = new(tables.Sessions, OutboxName, SessionRows.State, SessionRows.MessagePrefix, effects);

    public async Task<Loaded<SessionState>?> LoadAsync(SessionId id, string? clientMessageId, DateTimeOffset leftBefore, CancellationToken cancellationToken) =>
        await Partitions.LoadAsync(id.Value, clientMessageId, leftBefore, cancellationToken) is { } rows
            ? new Loaded<SessionState>(SessionRows.ToState(rows.State), rows.State.ETag.ToString(), rows.Pending, SessionRows.IndexedDeadline(rows.State), rows.Prior, rows.Recent)
            : null;

    public Task<IReadOnlyList<PendingEffect>> CommitAsync(Commit<SessionDecision> commit, CancellationToken cancellationToken)
    {
        var state = commit.Decision.State;
        return Partitions.CommitAsync(
            commit,
            SessionRows.ToEntity(state, commit.IndexedDue),
            commit.Decision.Messages.Select(m => (m.Sequence, SessionRows.ToEntity(state.Id, m, Partitions.ItemKey(m.Sequence)))).ToList(),
            state.LastSequence,
            cancellationToken);
    }

    public async Task<SessionState?> ReadStateAsync(SessionId id, CancellationToken cancellationToken) =>
        await tables.Sessions.FindAsync(id.Value, SessionRows.State, cancellationToken) is { } row ? SessionRows.ToState(row) : null;

    public async Task<MessagePage?> ReadMessagesAsync(SessionId id, long after, int limit, CancellationToken cancellationToken)
    {
        // One more message than asked for tells whether there are more.
        var rows = await Partitions.ReadItemsAsync(id.Value, after, limit + 1, cancellationToken);
        var state = rows.FirstOrDefault(r => r.RowKey == SessionRows.State);
        if (state is null)
        {
            return null;
        }

        var messages = rows.Where(r => r.RowKey != SessionRows.State).Select(SessionRows.ToMessage).ToList();
        return new MessagePage(SessionRows.ToState(state), messages.Take(limit).ToList(), messages.Count > limit);
    }

    public async Task<SessionNote> AddNoteAsync(SessionId id, string author, string text, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Time-ordered keys, with a random tail so that two notes in the same tick both keep.
        var key = NotePrefix + at.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var row = new TableEntity(id.Value, key) { ["Author"] = author, ["Text"] = text, ["At"] = at };
        await tables.Sessions.AddEntityAsync(row, cancellationToken);
        return ToNote(row);
    }

    public async Task<IReadOnlyList<SessionNote>> ReadNotesAsync(SessionId id, CancellationToken cancellationToken) =>
        (await tables.Sessions.QueryAsync(TableRows.Range(id.Value, NotePrefix), take: null, cancellationToken)).Select(ToNote).ToList();

    private static SessionNote ToNote(TableEntity row) => new(
        row.RowKey[NotePrefix.Length..],
        row.GetString("Author"),
        row.GetString("Text"),
        row.GetDateTimeOffset("At") ?? default);
}
