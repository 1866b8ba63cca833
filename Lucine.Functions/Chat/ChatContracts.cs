using Lucine.Functions.Queue;

namespace Lucine.Functions.Chat;

/// <summary>
/// <c>POST /api/chat</c>: a message, or a button's action. No <paramref name="SessionId"/> starts a new
/// session. <paramref name="ClientMessageId"/> makes retries safe: the same id gets the same reply.
/// <paramref name="Context"/> (optional) says where the visitor is; the first input's is kept.
/// </summary>
public sealed record PostChatRequest(string? Message, string? Action, string? SessionId, string? ClientMessageId, VisitorContextRequest? Context = null);

public sealed record ChatResponse(
    string SessionId,
    string? SessionToken,
    string Reply,
    SessionStatus Status,
    IReadOnlyList<SmartActionDto> SmartActions,
    IReadOnlyList<MessageDto> Messages,
    DateTimeOffset Timestamp,
    ContactQuestion? Expecting);

public sealed record MessagesResponse(
    string SessionId,
    SessionStatus Status,
    string? Language,
    IReadOnlyList<MessageDto> Messages,
    bool HasMore,
    long NextAfter,
    QueueInfo? Queue,
    VisitorOperatorDto? Operator,
    ContactQuestion? Expecting);

/// <summary>The operator in charge, as the visitor sees them (no username).</summary>
public sealed record VisitorOperatorDto(string DisplayName, string? Avatar);

public sealed record MessageDto(
    string Id,
    long Sequence,
    MessageSender Sender,
    string Text,
    IReadOnlyList<SmartActionDto> SmartActions,
    DateTimeOffset CreatedAt,
    string? ClientMessageId,
    string? Author,
    string? Ticket = null,
    AttachmentDto? Attachment = null)
{
    /// <param name="ticket">The ticket the conversation became: Lucine's message that names it is marked with it
    /// (<see cref="Ticket"/>), so that the widget shows the confirmation as one.</param>
    public static MessageDto From(SessionId session, ChatMessage message, TicketNumber? ticket = null) => new(
        $"{session.Value}:{message.Sequence}",
        message.Sequence,
        message.Sender,
        message.Text,
        message.Actions.Select(SmartActionDto.From).ToList(),
        message.At,
        message.ClientMessageId,
        message.Author,
        ticket is { } number && message.Sender == MessageSender.System && message.Text.Contains(number.ToString(), StringComparison.Ordinal) ? number.ToString() : null,
        AttachmentDto.From(message.Attachment));
}

/// <summary>A file a message or ticket entry carries: its bytes are read from the conversation's or ticket's <c>attachments/{id}</c>.</summary>
public sealed record AttachmentDto(string Id, string Name, string Type, long Size)
{
    public static AttachmentDto? From(Attachment? attachment) =>
        attachment is null ? null : new(attachment.Id, attachment.Name, attachment.Type, attachment.Size);
}

public sealed record SmartActionDto(SmartActionKind Kind, string Action, string Label, string? Url)
{
    public static SmartActionDto From(SmartAction action) => new(action.Kind, action.Action, action.Label, action.Url);
}
