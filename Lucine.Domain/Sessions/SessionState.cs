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
    /// <summary>How the conversation ended; only in <see cref="SessionStatus.Ended"/>.</summary>
    public SessionOutcome? Outcome { get; init; }

    /// <summary>The next moment the session must act on its own; null only when it has ended.</summary>
    public Deadline? Deadline { get; init; }

    /// <summary>How many deadlines of the current status have fired already (the stages of a wait).</summary>
    public int DeadlineStage { get; init; }

    /// <summary>When the current status began: the clock of its deadlines.</summary>
    public DateTimeOffset StatusSince { get; init; }

    /// <summary>The operator in charge, from assignment until the chat ends or goes back to the queue.</summary>
    public OperatorRef? Operator { get; init; }

    /// <summary>The username of the operator in charge when the chat ended: the one operator, besides supervisors, who may read it afterwards.</summary>
    public string? LastOperator { get; init; }

    /// <summary>When the operator in charge took the chat.</summary>
    public DateTimeOffset OperatorSince { get; init; }

    /// <summary>Whether the operator in charge has written since taking the chat.</summary>
    public bool OperatorHasAnswered { get; init; }

    /// <summary>The visitor's place in line, while <see cref="SessionStatus.Queued"/>.</summary>
    public QueueEntry? InQueue { get; init; }

    /// <summary>The visitor's last input; operators' inactivity rules count from here.</summary>
    public DateTimeOffset LastVisitorAt { get; init; }

    /// <summary>What the visitor has told for a ticket so far, while <see cref="SessionStatus.CollectingContact"/>.</summary>
    public ContactDraft? Contact { get; init; }

    /// <summary>The ticket the conversation became (outcome <see cref="SessionOutcome.ConvertedToTicket"/>).</summary>
    public TicketNumber? Ticket { get; init; }

    /// <summary>Where the visitor is and with what, from their first input; the page follows them.</summary>
    public VisitorContext? Context { get; init; }

    /// <summary>
    /// What the visitor last wrote (not a button), at most <see cref="MaxVisitorWords"/> characters: the
    /// queue's preview, however the visitor then asked for a person.
    /// </summary>
    public string? LastVisitorWords { get; init; }

    /// <summary>
    /// The last question the assistant could not answer (see <see cref="NeedCapture.IsClearQuestion"/>):
    /// proposed as what a ticket is about, at most <see cref="MaxVisitorWords"/> characters.
    /// </summary>
    public string? UnansweredQuestion { get; init; }

    /// <summary>What the visitor may rate of the conversation that ended; null when no rating is asked for (a ticket, a timeout with the assistant).</summary>
    public Ratable? Ratable { get; init; }

    /// <summary>The visitor's rating of the conversation that ended; a new conversation starts without one.</summary>
    public SatisfactionRating? Rating { get; init; }

    /// <summary>Whether an operator took part in this conversation (reports: escalated).</summary>
    public bool ReachedOperator { get; init; }

    /// <summary>Whether this conversation waited in the queue at some point (reports: abandoned in the queue when no operator came).</summary>
    public bool WasQueued { get; init; }

    /// <summary>The attachments the session has received (visitor's and operators'): its budget and rate, for the whole session.</summary>
    public AttachmentBudget? Attachments { get; init; }

    public const int MaxVisitorWords = 200;

    public static SessionState Start(SessionId id, DateTimeOffset now) =>
        new(id, SessionStatus.Bot, 0, null, now, now, now, 0) { StatusSince = now, LastVisitorAt = now };

    public bool IsEnded => Status == SessionStatus.Ended;
}

/// <summary>
/// What is collected for a ticket so far, step by step: name, then address, then (for a phone) the
/// channel, then what the request is about.
/// </summary>
/// <param name="Proposed">The question offered for confirmation as the request; null while the visitor is asked to write it.</param>
public sealed record ContactDraft(TicketReason Reason, string? Name = null, string? Address = null, ContactChannel? Channel = null, string? Proposed = null);

/// <summary>Where a conversation stands.</summary>
public enum SessionStatus
{
    /// <summary>The assistant answers.</summary>
    Bot,

    /// <summary>The visitor was offered a person and has not said yes or no yet.</summary>
    ConfirmingEscalation,

    /// <summary>Waiting for an operator.</summary>
    Queued,

    /// <summary>An operator is in charge.</summary>
    WithOperator,

    /// <summary>An operator is in charge and the visitor has gone quiet.</summary>
    WaitingClient,

    /// <summary>The assistant is taking the visitor's name and contact for a ticket.</summary>
    CollectingContact,

    /// <summary>The operator asked to close; the visitor confirms or asks for more help.</summary>
    Closing,

    Ended,
}

public enum SessionOutcome
{
    Resolved,
    NotResolved,
    Abandoned,
    Cancelled,
    ConvertedToTicket,
}

public enum MessageSender
{
    Visitor,
    Bot,
    Operator,

    /// <summary>Lucine itself: queue position, operator joined, chat closed.</summary>
    System,
}

/// <summary>An operator as the visitor sees them.</summary>
public sealed record OperatorRef(string Username, string DisplayName, string? Avatar);

/// <summary>One line of a conversation, numbered in the order the session accepted it.</summary>
/// <param name="Author">The operator who wrote it, for operator messages.</param>
/// <param name="Attachment">The file the message carries; its <paramref name="Text"/> is then the caption (may be empty).</param>
public sealed record ChatMessage(
    long Sequence,
    MessageSender Sender,
    string Text,
    IReadOnlyList<SmartAction> Actions,
    DateTimeOffset At,
    string? ClientMessageId = null,
    string? Author = null,
    Attachment? Attachment = null);
