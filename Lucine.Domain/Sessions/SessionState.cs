namespace Lucine.Domain.Sessions;

/// <summary>
/// Everything the workflow needs to decide the next step of a conversation. Messages are not part of
/// it: they are appended, each with the next number of <see cref="LastSequence"/>.
/// </summary>
public sealed record SessionState(
    SessionId Id,
    SessionStatus Status,
    long LastSequence,
    Language? Language,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset RateWindowStartedAt,
    int MessagesInWindow)
{
    public static SessionState Start(SessionId id, DateTimeOffset now) =>
        new(id, SessionStatus.Bot, 0, null, now, now, now, 0);
}

/// <summary>Where a conversation stands. The assistant answers in <see cref="Bot"/>.</summary>
public enum SessionStatus
{
    Bot,
}

public enum MessageSender
{
    Visitor,
    Bot,
}

/// <summary>One line of a conversation, numbered in the order the session accepted it.</summary>
public sealed record ChatMessage(
    long Sequence,
    MessageSender Sender,
    string Text,
    IReadOnlyList<SmartAction> Actions,
    DateTimeOffset At,
    string? ClientMessageId = null);
