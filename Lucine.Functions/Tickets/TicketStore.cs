using System.Globalization;
using System.Text.Json;
using Lucine.Domain.Tickets;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Azure;
using Azure.Data.Tables;

namespace Lucine.Functions.Tickets;

/// <param name="Version">Opaque; hand it back to <see cref="TicketStore.CommitAsync"/>.</param>
/// <param name="IndexedCheck">The latest due time the ticket sweep index was given for this ticket.</param>
public sealed record TicketSnapshot(TicketState State, string Version, IReadOnlyList<PendingTicketEffect> PendingEffects, DateTimeOffset? IndexedCheck);

/// <param name="StoredAt">When the decision that produced it was committed.</param>
public sealed record PendingTicketEffect(TicketNumber Number, string Key, TicketEffect Effect, DateTimeOffset StoredAt);

/// <summary>The ticket changed between load and commit (or, for a new one, it exists already).</summary>
public sealed class TicketConflictException(TicketNumber number) : Exception($"Ticket {number} was changed by another writer.");

/// <summary>
/// Tickets in Table Storage, one partition per ticket number: "_ticket" (the state), "entry-…" (the
/// history, zero-padded sequence) and "out-…" (effects not yet delivered). A decision is one
/// entity-group transaction guarded by the state row's ETag, like a session's.
/// </summary>
public sealed class TicketStore(LucineTables tables)
{
    private const string StateKey = "_ticket";
    private const string EntryPrefix = "entry-";
    private const string OutboxPrefix = "out-";
    private const string MarkerPrefix = "seen-";

    private static readonly IReadOnlyDictionary<string, Type> EffectKinds = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["notify"] = typeof(NotifyCustomer),
        ["alert"] = typeof(AlertStaff),
        ["changed"] = typeof(TicketChanged),
        ["analytics"] = typeof(TicketAnalytics),
    };

    /// <summary>The state and the undelivered effects, in one read. Null: no such ticket.</summary>
    public async Task<TicketSnapshot?> LoadAsync(TicketNumber number, CancellationToken cancellationToken)
    {
        var partition = number.ToString();
        var rows = await tables.Tickets.QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {StateKey} or (RowKey ge {OutboxPrefix} and RowKey lt {TableRows.After(OutboxPrefix)}))"),
            null, cancellationToken);
        var state = rows.FirstOrDefault(r => r.RowKey == StateKey);
        return state is null
            ? null
            : new TicketSnapshot(
                JsonSerializer.Deserialize<TicketState>(state.GetString("State"), Wire.Json)!,
                state.ETag.ToString(),
                rows.Where(r => r.RowKey != StateKey).Select(r => ToEffect(number, r)).ToList(),
                state.GetDateTimeOffset("IndexedCheck"));
    }

    /// <summary>
    /// Writes a decision whole, if the ticket is still at <paramref name="expectedVersion"/> (null: a new
    /// ticket). Throws <see cref="TicketConflictException"/> otherwise. Returns the effects as stored.
    /// </summary>
    /// <param name="marker">
    /// An id of what caused the decision (a provider's message id) written with it, so that the same
    /// cause delivered again is recognized (<see cref="HasSeenAsync"/>) and a concurrent duplicate conflicts.
    /// </param>
    public async Task<IReadOnlyList<PendingTicketEffect>> CommitAsync(
        TicketDecision decision, string? expectedVersion, DateTimeOffset? indexedCheck, DateTimeOffset now, string? marker, CancellationToken cancellationToken)
    {
        var state = decision.State;
        var partition = state.Number.ToString();
        var row = new TableEntity(partition, StateKey) { ["State"] = JsonSerializer.Serialize(state, Wire.Json) }.With("IndexedCheck", indexedCheck);
        var batch = new List<TableTransactionAction>
        {
            expectedVersion is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(expectedVersion)),
        };
        batch.AddRange(decision.Entries.Select(entry => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, EntryKey(entry.Sequence))
        {
            ["Kind"] = Wire.Name(entry.Kind),
            ["Author"] = entry.Author,
            ["Text"] = entry.Text,
            ["At"] = entry.At,
        })));
        if (marker is not null)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, MarkerKey(marker))));
        }

        var effects = decision.Effects
            .Select((effect, index) => new PendingTicketEffect(state.Number,
                $"{OutboxPrefix}{state.LastSequence.ToString("D12", CultureInfo.InvariantCulture)}-{index.ToString("D2", CultureInfo.InvariantCulture)}", effect, now))
            .ToList();
        batch.AddRange(effects.Select(effect => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, effect.Key)
        {
            ["Kind"] = EffectKinds.First(k => k.Value == effect.Effect.GetType()).Key,
            ["Payload"] = JsonSerializer.Serialize(effect.Effect, effect.Effect.GetType(), Wire.Json),
        })));

        try
        {
            await tables.Tickets.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailures.IsConflict(e))
        {
            throw new TicketConflictException(state.Number);
        }

        return effects;
    }

    /// <summary>The whole history, oldest first.</summary>
    public async Task<IReadOnlyList<TicketEntry>> ReadEntriesAsync(TicketNumber number, CancellationToken cancellationToken) =>
        (await tables.Tickets.QueryAsync(TableRows.Range(number.ToString(), EntryPrefix), null, cancellationToken))
        .Select(row => new TicketEntry(
            long.Parse(row.RowKey[EntryPrefix.Length..], CultureInfo.InvariantCulture),
            Wire.Parse<TicketEntryKind>(row.GetString("Kind")),
            row.GetString("Author"),
            row.GetString("Text"),
            row.GetDateTimeOffset("At") ?? default))
        .ToList();

    public Task CompleteEffectsAsync(TicketNumber number, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        tables.Tickets.DeleteAsync(number.ToString(), keys, cancellationToken);

    public async Task<bool> HasSeenAsync(TicketNumber number, string marker, CancellationToken cancellationToken) =>
        await tables.Tickets.FindAsync(number.ToString(), MarkerKey(marker), cancellationToken) is not null;

    /// <summary>Provider ids are free text: hex keeps them within what Table Storage allows in a key.</summary>
    private static string MarkerKey(string marker) => MarkerPrefix + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(marker));

    private static string EntryKey(long sequence) => EntryPrefix + sequence.ToString("D12", CultureInfo.InvariantCulture);

    private static PendingTicketEffect ToEffect(TicketNumber number, TableEntity row)
    {
        var kind = row.GetString("Kind");
        var effect = EffectKinds.TryGetValue(kind, out var type)
            ? (TicketEffect?)JsonSerializer.Deserialize(row.GetString("Payload"), type, Wire.Json)
            : throw new InvalidDataException($"Unknown ticket outbox kind \"{kind}\".");
        return new PendingTicketEffect(number, row.RowKey, effect ?? throw new InvalidDataException("Empty ticket outbox payload."), row.Timestamp ?? default);
    }
}
