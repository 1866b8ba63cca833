namespace Lucine.Domain.Sessions;

/// <summary>
/// Which chats a plain operator may see and annotate; supervisors (and admins) may do both on any
/// chat. Acting on a chat (write, transfer, release, close) is the workflow's own rule, with the same refusal.
/// </summary>
public static class ChatAccess
{
    public static readonly Rejection NotYours = new(RejectionKind.Forbidden, "not-your-chat", "Only the operator in charge of this chat, or a supervisor, can do this.");

    /// <summary>A queued chat (to decide to take it), one they are in charge of, or one that ended while they were in charge.</summary>
    public static Rejection? ToRead(SessionState state, string username, bool supervising) =>
        supervising
        || state.Status == SessionStatus.Queued
        || state.Operator?.Username == username
        || (state.Status == SessionStatus.Ended && state.LastOperator == username)
            ? null
            : NotYours;

    /// <summary>Internal notes: the operator in charge, or after the end the one who was.</summary>
    public static Rejection? ToNote(SessionState state, string username, bool supervising) =>
        supervising || state.Operator?.Username == username || (state.Status == SessionStatus.Ended && state.LastOperator == username) ? null : NotYours;
}
