namespace Lucine.Domain.Sessions;

/// <summary>
/// The new state, the messages to append and the effects to carry out after the commit; or, when the
/// input is not allowed in this state, the reason and nothing else; or what the workflow must know first.
/// </summary>
public sealed record SessionDecision(SessionState State, IReadOnlyList<ChatMessage> Messages, IReadOnlyList<Effect> Effects) : IDecision<SessionState>
{
    public Rejection? Rejection { get; init; }

    public Need? Need { get; init; }

    /// <summary>Nothing to write: an early or stale deadline, a rejected input, or a need to fulfil first.</summary>
    public bool IsNoChange => Rejection is not null || Need is not null || (Messages.Count == 0 && Effects.Count == 0);

    public static SessionDecision Unchanged(SessionState state) => new(state, [], []);

    public static SessionDecision Reject(SessionState state, Rejection rejection) => new(state, [], []) { Rejection = rejection };

    public static SessionDecision Needs(SessionState state, Need need) => new(state, [], []) { Need = need };
}

/// <summary>
/// Tell the visitor and the operators involved what changed: new messages, and the status when it
/// changed. <paramref name="PreviousOperator"/> is set when the chat left an operator.
/// </summary>
public sealed record PublishUpdate(
    SessionStatus Status,
    bool StatusChanged,
    OperatorRef? Operator,
    OperatorRef? PreviousOperator,
    IReadOnlyList<ChatMessage> Messages) : Effect
{
    /// <summary>The chat has just been given to <see cref="Operator"/>.</summary>
    public bool NewOperator { get; init; }
}

/// <summary>The session's place in the queue changed: <paramref name="Entry"/> null means it left.</summary>
/// <param name="Preview">The visitor's latest words, for the operators' queue list.</param>
public sealed record QueueMoved(QueueEntry? Entry, string? Preview) : Effect;

/// <summary>The visitor is on another page: tell the operator in charge, if there is one.</summary>
public sealed record PageChanged(VisitorPage Page, string? Operator) : Effect;

/// <summary>
/// A conversation ended: what the history of conversations and the visitor's earlier conversations
/// list about it. <paramref name="Operator"/> was in charge at the end; <paramref name="Visitor"/> is
/// the hashed widget id of <see cref="VisitorContext.Visitor"/>.
/// </summary>
public sealed record ConversationEnded(
    SessionOutcome Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    OperatorRef? Operator,
    Language? Language,
    string? Visitor) : Effect;

/// <summary>The operator no longer holds this chat: give their capacity back and route the queue.</summary>
public sealed record ReleaseOperator(string Username) : Effect;

/// <summary>
/// Open the ticket the conversation became, under the number reserved for it, with the conversation
/// up to <paramref name="TranscriptTo"/> as its transcript. Opening the same number twice opens one.
/// </summary>
/// <param name="Need">What the request is about, in the visitor's words (<see cref="NeedCapture"/>); null in effects stored before it was asked.</param>
public sealed record OpenTicket(TicketNumber Number, CustomerContact Contact, Language Language, TicketPriority Priority, TicketReason Reason, long TranscriptTo, string? Need = null) : Effect;

/// <summary>Warn an operator about one of their chats.</summary>
public sealed record AlertOperator(string Username, string Alert) : Effect;

public static class OperatorAlerts
{
    public const string FirstResponseDue = "first_response_due";
}

/// <summary>
/// A question the assistant did not know or handed to the staff, for the admins' blind-spots inbox:
/// its <paramref name="Keywords"/> name the group, <paramref name="Example"/> is the visitor's words
/// without contacts (<see cref="Assistant.BlindSpot"/>).
/// </summary>
public sealed record NoteBlindSpot(IReadOnlyList<string> Keywords, string Example, Language Language, AnswerOutcome Outcome, DateTimeOffset At) : Effect;
