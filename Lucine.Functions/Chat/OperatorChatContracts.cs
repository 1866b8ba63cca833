using Lucine.Functions.History;
using Lucine.Functions.Queue;
using Lucine.Functions.Realtime;
using Lucine.Functions.Satisfaction;

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
    QueueInfo? Queue)
{
    /// <summary>Where the visitor is and with what, when their widget said so.</summary>
    public VisitorContextDto? Context { get; init; }

    /// <summary>The visitor's latest ended conversations from the same browser, newest first.</summary>
    public IReadOnlyList<ConversationSummary> Earlier { get; init; } = [];

    /// <summary>The visitor's rating of the conversation that ended, if they gave one.</summary>
    public RatingDto? Rating { get; init; }
}

/// <summary>The visitor's context as operators see it: never the widget's id nor its hash.</summary>
public sealed record VisitorContextDto(string? PageUrl, string? PageTitle, string? Referrer, VisitorDevice? Device, string? Language)
{
    public static VisitorContextDto? From(VisitorContext? context) =>
        context is null ? null : new(context.Page?.Url, context.Page?.Title, context.Referrer, context.Device, context.Language);
}

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
