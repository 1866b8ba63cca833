namespace Lucine.Domain.Sessions;

/// <summary>
/// A first message (sent without a session) whose client message id is long enough names its session,
/// so that a retry after a lost answer reaches the session the first attempt opened and gets its token.
/// Only for a short while: later, the id would be a credential that never expires.
/// </summary>
public static class FirstMessageReplay
{
    public static readonly Rejection Expired =
        new(RejectionKind.Conflict, "replay-expired",
            "This first message opened its conversation too long ago to be sent again without the session token; start a new conversation with a new clientMessageId.");

    /// <summary>True when a first message arriving at <paramref name="now"/> may no longer reach <paramref name="state"/>.</summary>
    public static bool Refuses(SessionState state, TimeSpan window, DateTimeOffset now) => now - state.StartedAt > window;
}
