using System.Text.Json;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Chat;

/// <summary>The state and message rows of a session partition (PartitionKey = session id), see <see cref="TableSessionStore"/>.</summary>
internal static class SessionRows
{
    public const string State = "_state";
    public const string MessagePrefix = "msg-";

    /// <param name="indexedDeadline">The due time the deadline index holds a row for (see <see cref="SessionSnapshot.IndexedDeadline"/>).</param>
    public static TableEntity ToEntity(SessionState state, DateTimeOffset? indexedDeadline) => new TableEntity(state.Id.Value, State)
        {
            ["Status"] = Wire.Name(state.Status),
            ["LastSequence"] = state.LastSequence,
            ["StartedAt"] = state.StartedAt,
            ["LastActivityAt"] = state.LastActivityAt,
            ["RateWindowStartedAt"] = state.RateWindowStartedAt,
            ["MessagesInWindow"] = state.MessagesInWindow,
            ["DeadlineStage"] = state.DeadlineStage,
            ["StatusSince"] = state.StatusSince,
            ["OperatorSince"] = state.OperatorSince,
            ["OperatorHasAnswered"] = state.OperatorHasAnswered,
            ["LastVisitorAt"] = state.LastVisitorAt,
            ["ReachedOperator"] = state.ReachedOperator,
            ["WasQueued"] = state.WasQueued,
        }
        .With("Language", state.Language?.Code())
        .With("Outcome", state.Outcome is { } outcome ? Wire.Name(outcome) : null)
        .With("DeadlineKind", state.Deadline is { } deadline ? Wire.Name(deadline.Kind) : null)
        .With("DeadlineAt", state.Deadline?.At)
        .With("Operator", state.Operator?.Username)
        .With("OperatorName", state.Operator?.DisplayName)
        .With("OperatorAvatar", state.Operator?.Avatar)
        .With("LastOperator", state.LastOperator)
        .With("QueuePriority", state.InQueue is { } entry ? Wire.Name(entry.Priority) : null)
        .With("QueuedAt", state.InQueue?.QueuedAt)
        .With("IndexedDeadline", indexedDeadline)
        .With("Contact", state.Contact is { } contact ? JsonSerializer.Serialize(contact, Wire.Json) : null)
        .With("Ticket", state.Ticket?.ToString())
        .With("Context", state.Context is { } context ? JsonSerializer.Serialize(context, Wire.Json) : null)
        .With("LastVisitorWords", state.LastVisitorWords)
        .With("UnansweredQuestion", state.UnansweredQuestion)
        .With("Ratable", state.Ratable is { } ratable ? JsonSerializer.Serialize(ratable, Wire.Json) : null)
        .With("Rating", state.Rating is { } rating ? JsonSerializer.Serialize(rating, Wire.Json) : null)
        .With("Attachments", state.Attachments is { } attachments ? JsonSerializer.Serialize(attachments, Wire.Json) : null);

    public static SessionState ToState(TableEntity row)
    {
        SessionId.TryParse(row.PartitionKey, out var id);
        var language = LanguageCodes.TryParse(row.GetString("Language"), out var parsed) ? parsed : (Language?)null;
        var operatorName = row.GetString("Operator");
        return new SessionState(
            id,
            Wire.Parse<SessionStatus>(row.GetString("Status")),
            row.Long("LastSequence"),
            language,
            row.GetDateTimeOffset("StartedAt") ?? default,
            row.GetDateTimeOffset("LastActivityAt") ?? default,
            row.GetDateTimeOffset("RateWindowStartedAt") ?? default,
            row.Int("MessagesInWindow"))
        {
            Outcome = row.GetString("Outcome") is { } outcome ? Wire.Parse<SessionOutcome>(outcome) : null,
            Deadline = row.GetString("DeadlineKind") is { } kind ? new Deadline(Wire.Parse<DeadlineKind>(kind), row.GetDateTimeOffset("DeadlineAt") ?? default) : null,
            DeadlineStage = row.Int("DeadlineStage"),
            StatusSince = row.GetDateTimeOffset("StatusSince") ?? default,
            Operator = operatorName is null ? null : new OperatorRef(operatorName, row.GetString("OperatorName") ?? operatorName, row.GetString("OperatorAvatar")),
            LastOperator = row.GetString("LastOperator"),
            OperatorSince = row.GetDateTimeOffset("OperatorSince") ?? default,
            OperatorHasAnswered = row.Flag("OperatorHasAnswered"),
            ReachedOperator = row.Flag("ReachedOperator"),
            WasQueued = row.Flag("WasQueued"),
            InQueue = row.GetString("QueuePriority") is { } priority
                ? new QueueEntry(id, Wire.Parse<QueuePriority>(priority), row.GetDateTimeOffset("QueuedAt") ?? default)
                : null,
            LastVisitorAt = row.GetDateTimeOffset("LastVisitorAt") ?? default,
            Contact = row.GetString("Contact") is { } contact ? JsonSerializer.Deserialize<ContactDraft>(contact, Wire.Json) : null,
            Ticket = TicketNumber.TryParse(row.GetString("Ticket"), out var ticket) ? ticket : null,
            Context = row.GetString("Context") is { } context ? JsonSerializer.Deserialize<VisitorContext>(context, Wire.Json) : null,
            LastVisitorWords = row.GetString("LastVisitorWords"),
            UnansweredQuestion = row.GetString("UnansweredQuestion"),
            Ratable = row.GetString("Ratable") is { } ratable ? JsonSerializer.Deserialize<Ratable>(ratable, Wire.Json) : null,
            Rating = row.GetString("Rating") is { } rating ? JsonSerializer.Deserialize<SatisfactionRating>(rating, Wire.Json) : null,
            Attachments = row.GetString("Attachments") is { } attachments ? JsonSerializer.Deserialize<AttachmentBudget>(attachments, Wire.Json) : null,
        };
    }

    public static DateTimeOffset? IndexedDeadline(TableEntity row) => row.GetDateTimeOffset("IndexedDeadline");

    public static TableEntity ToEntity(SessionId id, ChatMessage message, string rowKey) => new TableEntity(id.Value, rowKey)
        {
            ["Sequence"] = message.Sequence,
            ["Sender"] = Wire.Name(message.Sender),
            ["Text"] = message.Text,
            ["At"] = message.At,
        }
        .With("Actions", message.Actions.Count == 0 ? null : JsonSerializer.Serialize(message.Actions, Wire.Json))
        .With("ClientMessageId", message.ClientMessageId)
        .With("Author", message.Author)
        .With("Attachment", message.Attachment is { } attachment ? JsonSerializer.Serialize(attachment, Wire.Json) : null);

    public static ChatMessage ToMessage(TableEntity row)
    {
        var actions = row.GetString("Actions") is { } json
            ? JsonSerializer.Deserialize<List<SmartAction>>(json, Wire.Json) ?? []
            : [];
        return new ChatMessage(
            row.Long("Sequence"),
            Wire.Parse<MessageSender>(row.GetString("Sender")),
            row.GetString("Text"),
            actions,
            row.GetDateTimeOffset("At") ?? default,
            row.GetString("ClientMessageId"),
            row.GetString("Author"),
            row.GetString("Attachment") is { } attachment ? JsonSerializer.Deserialize<Attachment>(attachment, Wire.Json) : null);
    }
}
