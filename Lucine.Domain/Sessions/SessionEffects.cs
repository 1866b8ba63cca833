using Lucine.Domain.Queue;
using Lucine.Domain.Tickets;

namespace Lucine.Domain.Sessions;

/// <summary>
/// The new state, the messages to append and the effects to carry out after the commit; or, when the
/// input is not allowed in this state, the reason and nothing else.
/// </summary>
public sealed record SessionDecision(SessionState State, IReadOnlyList<ChatMessage> Messages, IReadOnlyList<SessionEffect> Effects)
{
    public SessionRejection? Rejection { get; init; }

    /// <summary>Nothing to write: an early or stale deadline, or a rejected input.</summary>
    public bool IsNoChange => Rejection is not null || (Messages.Count == 0 && Effects.Count == 0);

    public static SessionDecision Unchanged(SessionState state) => new(state, [], []);

    public static SessionDecision Reject(SessionState state, SessionRejection rejection) => new(state, [], []) { Rejection = rejection };
}

/// <summary>Why an input was refused: <see cref="Code"/> is stable for clients, <see cref="Detail"/> is for people.</summary>
public sealed record SessionRejection(RejectionKind Kind, string Code, string Detail);

public enum RejectionKind
{
    /// <summary>The session is not in a state where this makes sense (already taken, already ended).</summary>
    Conflict,

    /// <summary>The operator is not in charge of this chat.</summary>
    Forbidden,
}

public abstract record SessionEffect;

/// <summary>An event for the reports (chats, escalations, answer quality, timeouts).</summary>
public sealed record RecordAnalytics(AnalyticsEvent Event) : SessionEffect;

/// <summary>
/// Tell the visitor and the operators involved what changed: new messages, and the status when it
/// changed. <paramref name="PreviousOperator"/> is set when the chat left an operator.
/// </summary>
public sealed record PublishUpdate(
    SessionStatus Status,
    bool StatusChanged,
    OperatorRef? Operator,
    OperatorRef? PreviousOperator,
    IReadOnlyList<ChatMessage> Messages) : SessionEffect
{
    /// <summary>The chat has just been given to <see cref="Operator"/>.</summary>
    public bool NewOperator { get; init; }
}

/// <summary>The session's place in the queue changed: <paramref name="Entry"/> null means it left.</summary>
/// <param name="Preview">The visitor's latest words, for the operators' queue list.</param>
public sealed record QueueMoved(QueueEntry? Entry, string? Preview) : SessionEffect;

/// <summary>The operator no longer holds this chat: give their capacity back and route the queue.</summary>
public sealed record ReleaseOperator(string Username) : SessionEffect;

/// <summary>
/// Open the ticket the conversation became, under the number reserved for it, with the conversation
/// up to <paramref name="TranscriptTo"/> as its transcript. Opening the same number twice opens one.
/// </summary>
public sealed record OpenTicket(TicketNumber Number, CustomerContact Contact, Language Language, TicketPriority Priority, TicketReason Reason, long TranscriptTo) : SessionEffect;

/// <summary>Warn an operator about one of their chats.</summary>
public sealed record AlertOperator(string Username, string Alert) : SessionEffect;

/// <summary>An event for the reports; <paramref name="Subject"/> is the session id or the ticket number it is about.</summary>
public sealed record AnalyticsEvent(string Type, string Subject, DateTimeOffset At, IReadOnlyDictionary<string, string> Data);

public static class AnalyticsEventTypes
{
    public const string ChatMessage = "chat_message";
    public const string EscalationRequest = "escalation_request";
    public const string QueueEntryAdded = "queue_entry_added";
    public const string QueueEntryCancelled = "queue_entry_cancelled";
    public const string QueueAssignmentCompleted = "queue_assignment_completed";
    public const string OperatorTookChat = "operator_took_chat";
    public const string OperatorMessageSent = "operator_message_sent";
    public const string OperatorClosedChat = "operator_closed_chat";
    public const string ChatTimeout = "chat_timeout";
    public const string ChatEnded = "chat_ended";
    public const string SlaWarning = "sla_warning";
    public const string SlaViolation = "sla_violation";
    public const string TicketCreated = "ticket_created";
    public const string TicketFromChat = "ticket_from_chat";
    public const string TicketStatusChanged = "ticket_status_changed";
    public const string TicketFirstResponse = "ticket_first_response";
}

public static class OperatorAlerts
{
    public const string FirstResponseDue = "first_response_due";
}
