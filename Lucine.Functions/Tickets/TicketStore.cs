using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tickets;

/// <summary>
/// Tickets in Table Storage, one partition per ticket number (<see cref="AggregateTable"/>): "_ticket"
/// (the state, as JSON, with the provider message ids it handled last), "entry-…" (the history) and
/// "out-…" (effects not yet delivered). A decision is one entity-group transaction guarded by the state
/// row's ETag, like a session's.
/// </summary>
public sealed class TicketStore(LucineTables tables, EffectCatalog effects)
{
    public const string OutboxName = "ticket";

    public const string StateKey = "_ticket";

    public const string EntryPrefix = "entry-";

    public AggregateTable Partitions { get; } = new(tables.Tickets, OutboxName, StateKey, EntryPrefix, effects);

    /// <summary>
    /// The state, the effects committed before <paramref name="leftBefore"/> and not delivered yet, and
    /// what an input with <paramref name="marker"/> produced before, in one read. Null: no such ticket.
    /// </summary>
    public async Task<Loaded<TicketState>?> LoadAsync(TicketNumber number, string? marker, DateTimeOffset leftBefore, CancellationToken cancellationToken) =>
        await Partitions.LoadAsync(number.ToString(), marker, leftBefore, cancellationToken) is { } rows
            ? new Loaded<TicketState>(ToState(rows.State), rows.State.ETag.ToString(), rows.Pending, rows.State.GetDateTimeOffset("IndexedCheck"), rows.Prior, rows.Recent)
            : null;

    public async Task<TicketState?> ReadStateAsync(TicketNumber number, CancellationToken cancellationToken) =>
        await tables.Tickets.FindAsync(number.ToString(), StateKey, cancellationToken) is { } row ? ToState(row) : null;

    public Task<IReadOnlyList<PendingEffect>> CommitAsync(Commit<TicketDecision> commit, CancellationToken cancellationToken)
    {
        var state = commit.Decision.State;
        var partition = state.Number.ToString();
        return Partitions.CommitAsync(
            commit,
            new TableEntity(partition, StateKey) { ["State"] = JsonSerializer.Serialize(state, Wire.Json) }.With("IndexedCheck", commit.IndexedDue),
            commit.Decision.Entries.Select(entry => (entry.Sequence, new TableEntity(partition, Partitions.ItemKey(entry.Sequence))
            {
                ["Kind"] = Wire.Name(entry.Kind),
                ["Author"] = entry.Author,
                ["Text"] = entry.Text,
                ["At"] = entry.At,
            }.With("Attachment", entry.Attachment is { } attachment ? JsonSerializer.Serialize(attachment, Wire.Json) : null))).ToList(),
            state.LastSequence,
            cancellationToken);
    }

    /// <summary>The whole history, oldest first.</summary>
    public async Task<IReadOnlyList<TicketEntry>> ReadEntriesAsync(TicketNumber number, CancellationToken cancellationToken) =>
        (await Partitions.ReadItemsAsync(number.ToString(), 0, null, cancellationToken))
        .Where(row => row.RowKey != StateKey)
        .Select(row => new TicketEntry(
            long.Parse(row.RowKey[^12..], CultureInfo.InvariantCulture),
            Wire.Parse<TicketEntryKind>(row.GetString("Kind")),
            row.GetString("Author"),
            row.GetString("Text"),
            row.GetDateTimeOffset("At") ?? default,
            row.GetString("Attachment") is { } attachment ? JsonSerializer.Deserialize<Attachment>(attachment, Wire.Json) : null))
        .ToList();

    private static TicketState ToState(TableEntity row) => JsonSerializer.Deserialize<TicketState>(row.GetString("State"), Wire.Json)!;
}
