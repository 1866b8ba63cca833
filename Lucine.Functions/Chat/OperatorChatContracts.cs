using Lucine.Functions.Queue;
using Lucine.Functions.Realtime;

namespace Lucine.Functions.Chat;

public sealed record ChatItem(string SessionId, SessionStatus Status, DateTimeOffset OperatorSince, string? Language, MessageDto? LastMessage);

public sealed record ChatHistory(
    string SessionId,
    SessionStatus Status,
    SessionOutcome? Outcome,
    OperatorDto? Operator,
    string? Language,
    DateTimeOffset StartedAt,
    IReadOnlyList<MessageDto> Messages,
    IReadOnlyList<NoteDto> Notes,
    QueueInfo? Queue);

public sealed record ChatSummary(string SessionId, SessionStatus Status, SessionOutcome? Outcome, OperatorDto? Operator)
{
    public static ChatSummary From(SessionState state) => new(state.Id.Value, state.Status, state.Outcome, OperatorDto.From(state.Operator));
}

public sealed record NoteDto(string Id, string Author, string Text, DateTimeOffset CreatedAt)
{
    public static NoteDto From(SessionNote note) => new(note.Id, note.Author, note.Text, note.At);
}

public sealed record OperatorMessageRequest(string? Text, string? ClientMessageId);

public sealed record OperatorMessageResponse(MessageDto Message);

public sealed record TransferRequest(string? To);

public sealed record CloseRequest(SessionOutcome? Outcome);

public sealed record NoteRequest(string? Text);
