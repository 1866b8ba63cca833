namespace Lucine.Domain.Sessions;

/// <summary>
/// How many inputs a visitor may send in one session per window: a runaway client or a flood must not
/// cost an answer per message. The count lives in the session state, so it holds across restarts and
/// instances without a storage round trip of its own.
/// </summary>
public sealed record MessageRatePolicy(int MaxMessages, TimeSpan Window)
{
    /// <summary>How long the visitor must wait before the next input, or null when it is allowed now.</summary>
    public TimeSpan? RetryAfter(SessionState state, DateTimeOffset now) =>
        now - state.RateWindowStartedAt < Window && state.MessagesInWindow >= MaxMessages
            ? state.RateWindowStartedAt + Window - now
            : null;

    public SessionState Count(SessionState state, DateTimeOffset now) =>
        now - state.RateWindowStartedAt >= Window
            ? state with { RateWindowStartedAt = now, MessagesInWindow = 1 }
            : state with { MessagesInWindow = state.MessagesInWindow + 1 };
}
