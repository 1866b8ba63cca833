using Lucine.Domain.Queue;
using Lucine.Domain.Sessions;
using Lucine.Functions.Chat;
using Lucine.Functions.Realtime;

namespace Lucine.Functions.Operators;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, OperatorProfile Operator);

public sealed record AvailabilityRequest(OperatorAvailability? Availability);

public sealed record CreateOperatorRequest(string? Username, string? DisplayName, string? Password, OperatorRole? Role, int? Capacity, string? Avatar);

/// <summary>An operator account as the dashboard shows it; never the password hash.</summary>
public sealed record OperatorProfile(
    string Username, string DisplayName, string? Avatar, OperatorRole Role, OperatorAvailability Availability, int Capacity, int ActiveChats)
{
    public static OperatorProfile From(OperatorAccount account) => new(
        account.Username, account.DisplayName, account.Avatar, account.Role, account.Availability, account.Capacity, account.Chats.Count);
}

public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);

public sealed record QueueItem(string SessionId, int Position, QueuePriority Priority, DateTimeOffset QueuedAt, long WaitingSeconds, string? Preview);

public sealed record ChatItem(string SessionId, SessionStatus Status, DateTimeOffset OperatorSince, string? Language, MessageDto? LastMessage);

public sealed record QueueInfo(int Position, int EstimatedWaitMinutes);

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
    public static NoteDto From(Lucine.Domain.SessionNote note) => new(note.Id, note.Author, note.Text, note.At);
}

public sealed record OperatorMessageRequest(string? Text, string? ClientMessageId);

public sealed record OperatorMessageResponse(MessageDto Message);

public sealed record TransferRequest(string? To);

public sealed record CloseRequest(SessionOutcome? Outcome);

public sealed record NoteRequest(string? Text);
