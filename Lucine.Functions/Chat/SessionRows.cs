using System.Globalization;
using System.Text.Json;
using Lucine.Domain;
using Lucine.Domain.Queue;
using Lucine.Domain.Sessions;
using Lucine.Domain.Tickets;
using Lucine.Functions.Hosting;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Chat;

/// <summary>
/// The rows of a session partition (PartitionKey = session id). RowKeys sort so that one range read
/// gets what a request needs: "_state" first, then "cmid-…" (idempotency), "msg-…" (messages, zero-padded
/// sequence), "note-…" (operators' internal notes), "out-…" (effects not yet delivered).
/// </summary>
internal static class SessionRows
{
    public const string State = "_state";
    public const string ExchangePrefix = "cmid-";
    public const string MessagePrefix = "msg-";
    public const string OutboxPrefix = "out-";
    public const string NotePrefix = "note-";

    public static string MessageKey(long sequence) => MessagePrefix + sequence.ToString("D12", CultureInfo.InvariantCulture);

    public static string ExchangeKey(string clientMessageId) => ExchangePrefix + clientMessageId;

    public static string OutboxKey(long sequence, int index) =>
        OutboxPrefix + sequence.ToString("D12", CultureInfo.InvariantCulture) + "-" + index.ToString("D2", CultureInfo.InvariantCulture);

    /// <param name="indexedDeadline">The due time the deadline index holds a row for (see <see cref="SessionSnapshot.IndexedDeadline"/>).</param>
    public static DynamicTableEntity ToEntity(SessionState state, DateTimeOffset? indexedDeadline) => new(state.Id.Value, State)
    {
        Properties =
        {
            ["Status"] = new EntityProperty(Wire.Name(state.Status)),
            ["LastSequence"] = new EntityProperty(state.LastSequence),
            ["Language"] = new EntityProperty(state.Language?.Code()),
            ["StartedAt"] = new EntityProperty(state.StartedAt),
            ["LastActivityAt"] = new EntityProperty(state.LastActivityAt),
            ["RateWindowStartedAt"] = new EntityProperty(state.RateWindowStartedAt),
            ["MessagesInWindow"] = new EntityProperty(state.MessagesInWindow),
            ["Outcome"] = new EntityProperty(state.Outcome is { } outcome ? Wire.Name(outcome) : null),
            ["DeadlineKind"] = new EntityProperty(state.Deadline is { } deadline ? Wire.Name(deadline.Kind) : null),
            ["DeadlineAt"] = new EntityProperty(state.Deadline?.At),
            ["DeadlineStage"] = new EntityProperty(state.DeadlineStage),
            ["StatusSince"] = new EntityProperty(state.StatusSince),
            ["Operator"] = new EntityProperty(state.Operator?.Username),
            ["OperatorName"] = new EntityProperty(state.Operator?.DisplayName),
            ["OperatorAvatar"] = new EntityProperty(state.Operator?.Avatar),
            ["OperatorSince"] = new EntityProperty(state.OperatorSince),
            ["OperatorHasAnswered"] = new EntityProperty(state.OperatorHasAnswered),
            ["QueuePriority"] = new EntityProperty(state.InQueue is { } entry ? Wire.Name(entry.Priority) : null),
            ["QueuedAt"] = new EntityProperty(state.InQueue?.QueuedAt),
            ["LastVisitorAt"] = new EntityProperty(state.LastVisitorAt),
            ["IndexedDeadline"] = new EntityProperty(indexedDeadline),
            ["Contact"] = new EntityProperty(state.Contact is { } contact ? JsonSerializer.Serialize(contact, Wire.Json) : null),
            ["Ticket"] = new EntityProperty(state.Ticket?.ToString()),
        },
    };

    public static SessionState ToState(DynamicTableEntity row)
    {
        SessionId.TryParse(row.PartitionKey, out var id);
        var language = LanguageCodes.TryParse(Optional(row, "Language"), out var parsed) ? parsed : (Language?)null;
        var operatorName = Optional(row, "Operator");
        return new SessionState(
            id,
            Wire.Parse<SessionStatus>(row.Properties["Status"].StringValue),
            row.Properties["LastSequence"].Int64Value ?? 0,
            language,
            row.Properties["StartedAt"].DateTimeOffsetValue ?? default,
            row.Properties["LastActivityAt"].DateTimeOffsetValue ?? default,
            row.Properties["RateWindowStartedAt"].DateTimeOffsetValue ?? default,
            row.Properties["MessagesInWindow"].Int32Value ?? 0)
        {
            Outcome = Optional(row, "Outcome") is { } outcome ? Wire.Parse<SessionOutcome>(outcome) : null,
            Deadline = Optional(row, "DeadlineKind") is { } kind ? new Deadline(Wire.Parse<DeadlineKind>(kind), Time(row, "DeadlineAt") ?? default) : null,
            DeadlineStage = row.Properties.TryGetValue("DeadlineStage", out var stage) ? stage.Int32Value ?? 0 : 0,
            StatusSince = Time(row, "StatusSince") ?? default,
            Operator = operatorName is null ? null : new OperatorRef(operatorName, Optional(row, "OperatorName") ?? operatorName, Optional(row, "OperatorAvatar")),
            OperatorSince = Time(row, "OperatorSince") ?? default,
            OperatorHasAnswered = row.Properties.TryGetValue("OperatorHasAnswered", out var answered) && answered.BooleanValue == true,
            InQueue = Optional(row, "QueuePriority") is { } priority
                ? new QueueEntry(id, Wire.Parse<QueuePriority>(priority), Time(row, "QueuedAt") ?? default)
                : null,
            LastVisitorAt = Time(row, "LastVisitorAt") ?? default,
            Contact = Optional(row, "Contact") is { } contact ? JsonSerializer.Deserialize<ContactDraft>(contact, Wire.Json) : null,
            Ticket = TicketNumber.TryParse(Optional(row, "Ticket"), out var ticket) ? ticket : null,
        };
    }

    public static DateTimeOffset? IndexedDeadline(DynamicTableEntity row) => Time(row, "IndexedDeadline");

    private static DateTimeOffset? Time(DynamicTableEntity row, string name) =>
        row.Properties.TryGetValue(name, out var value) ? value.DateTimeOffsetValue : null;

    public static DynamicTableEntity ToEntity(SessionId id, ChatMessage message) => new(id.Value, MessageKey(message.Sequence))
    {
        Properties =
        {
            ["Sequence"] = new EntityProperty(message.Sequence),
            ["Sender"] = new EntityProperty(Wire.Name(message.Sender)),
            ["Text"] = new EntityProperty(message.Text),
            ["Actions"] = new EntityProperty(message.Actions.Count == 0 ? null : JsonSerializer.Serialize(message.Actions, Wire.Json)),
            ["At"] = new EntityProperty(message.At),
            ["ClientMessageId"] = new EntityProperty(message.ClientMessageId),
            ["Author"] = new EntityProperty(message.Author),
        },
    };

    public static ChatMessage ToMessage(DynamicTableEntity row)
    {
        var actions = Optional(row, "Actions") is { } json
            ? JsonSerializer.Deserialize<List<SmartAction>>(json, Wire.Json) ?? []
            : [];
        return new ChatMessage(
            row.Properties["Sequence"].Int64Value ?? 0,
            Wire.Parse<MessageSender>(row.Properties["Sender"].StringValue),
            row.Properties["Text"].StringValue,
            actions,
            row.Properties["At"].DateTimeOffsetValue ?? default,
            Optional(row, "ClientMessageId"),
            Optional(row, "Author"));
    }

    public static SessionNote ToNote(DynamicTableEntity row) => new(
        row.RowKey[NotePrefix.Length..],
        row.Properties["Author"].StringValue,
        row.Properties["Text"].StringValue,
        row.Properties["At"].DateTimeOffsetValue ?? default);

    /// <summary>Table Storage does not store null properties: an absent one reads as null.</summary>
    private static string? Optional(DynamicTableEntity row, string name) =>
        row.Properties.TryGetValue(name, out var value) ? value.StringValue : null;

    public static DynamicTableEntity ToEntity(SessionId id, ExchangeRecord exchange) => new(id.Value, ExchangeKey(exchange.ClientMessageId))
    {
        Properties =
        {
            ["FirstSequence"] = new EntityProperty(exchange.FirstSequence),
            ["LastSequence"] = new EntityProperty(exchange.LastSequence),
        },
    };

    public static ExchangeRecord ToExchange(DynamicTableEntity row) => new(
        row.RowKey[ExchangePrefix.Length..],
        row.Properties["FirstSequence"].Int64Value ?? 0,
        row.Properties["LastSequence"].Int64Value ?? 0);

    public static DynamicTableEntity ToEntity(PendingEffect effect) => new(effect.SessionId.Value, effect.Key)
    {
        Properties =
        {
            ["Kind"] = new EntityProperty(EffectPayload.Kind(effect.Effect)),
            ["Payload"] = new EntityProperty(EffectPayload.Serialize(effect.Effect)),
        },
    };

    public static PendingEffect ToPendingEffect(DynamicTableEntity row)
    {
        SessionId.TryParse(row.PartitionKey, out var id);
        return new PendingEffect(id, row.RowKey, EffectPayload.Deserialize(row.Properties["Kind"].StringValue, row.Properties["Payload"].StringValue), row.Timestamp);
    }
}

/// <summary>How effects are written in an outbox row: a kind and a JSON payload.</summary>
internal static class EffectPayload
{
    private static readonly IReadOnlyDictionary<string, Type> Kinds = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["analytics"] = typeof(RecordAnalytics),
        ["publish"] = typeof(PublishUpdate),
        ["queue"] = typeof(QueueMoved),
        ["release"] = typeof(ReleaseOperator),
        ["alert"] = typeof(AlertOperator),
        ["ticket"] = typeof(OpenTicket),
    };

    public static string Kind(SessionEffect effect) =>
        Kinds.FirstOrDefault(k => k.Value == effect.GetType()).Key
        ?? throw new ArgumentOutOfRangeException(nameof(effect), effect, "No outbox kind for this effect.");

    public static string Serialize(SessionEffect effect) => JsonSerializer.Serialize(effect, effect.GetType(), Wire.Json);

    public static SessionEffect Deserialize(string kind, string payload) =>
        Kinds.TryGetValue(kind, out var type)
            ? (SessionEffect?)JsonSerializer.Deserialize(payload, type, Wire.Json) ?? throw new InvalidDataException($"Empty {kind} payload in the outbox.")
            : throw new InvalidDataException($"Unknown outbox kind \"{kind}\".");
}
