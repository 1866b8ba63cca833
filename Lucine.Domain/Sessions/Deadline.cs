namespace Lucine.Domain.Sessions;

/// <summary>The next moment a session acts without being asked, and why.</summary>
public sealed record Deadline(DeadlineKind Kind, DateTimeOffset At);

public enum DeadlineKind
{
    /// <summary>Nobody wrote to the assistant for a while: the chat ends.</summary>
    AssistantIdle,

    /// <summary>Queued for a while: offer a ticket instead of waiting.</summary>
    QueueTicketOffer,

    /// <summary>Queued longer: move up in the queue.</summary>
    QueuePriorityRaise,

    /// <summary>Queued too long: stop waiting and hand over to a ticket.</summary>
    QueueGiveUp,

    /// <summary>The operator has not written yet: remind them.</summary>
    OperatorFirstResponseAlert,

    /// <summary>The operator still has not written: give the chat to someone else.</summary>
    OperatorFirstResponseReassign,

    /// <summary>The visitor went quiet with an operator: mark the chat as waiting for them.</summary>
    VisitorQuiet,

    /// <summary>The visitor stayed quiet: end the chat and free the operator.</summary>
    VisitorGone,

    /// <summary>The visitor did not answer the operator's closing question: the chat is resolved.</summary>
    CloseUnanswered,

    /// <summary>The visitor stopped giving contact details for a ticket.</summary>
    ContactAbandoned,
}

/// <summary>How long each wait lasts (REFERENCE.md's numbers by default; all configurable).</summary>
public sealed record SessionTimeouts
{
    public TimeSpan AssistantIdle { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan QueueTicketOffer { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan QueuePriorityRaise { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan QueueGiveUp { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan OperatorFirstResponseAlert { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan OperatorFirstResponseReassign { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan VisitorQuiet { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan VisitorGone { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan CloseUnanswered { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ContactAbandoned { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The deadline a state must have: a function of the state alone, so that it can never be
    /// forgotten by a transition, and a stale index entry can always be checked against it.
    /// </summary>
    public Deadline? For(SessionState state) => state.Status switch
    {
        SessionStatus.Bot or SessionStatus.ConfirmingEscalation =>
            new Deadline(DeadlineKind.AssistantIdle, state.LastActivityAt + AssistantIdle),
        SessionStatus.Queued => state.DeadlineStage switch
        {
            0 => new Deadline(DeadlineKind.QueueTicketOffer, state.InQueue!.QueuedAt + QueueTicketOffer),
            1 => new Deadline(DeadlineKind.QueuePriorityRaise, state.InQueue!.QueuedAt + QueuePriorityRaise),
            _ => new Deadline(DeadlineKind.QueueGiveUp, state.InQueue!.QueuedAt + QueueGiveUp),
        },
        SessionStatus.WithOperator when !state.OperatorHasAnswered => state.DeadlineStage == 0
            ? new Deadline(DeadlineKind.OperatorFirstResponseAlert, state.OperatorSince + OperatorFirstResponseAlert)
            : new Deadline(DeadlineKind.OperatorFirstResponseReassign, state.OperatorSince + OperatorFirstResponseReassign),
        SessionStatus.WithOperator => new Deadline(DeadlineKind.VisitorQuiet, VisitorClock(state) + VisitorQuiet),
        SessionStatus.WaitingClient => new Deadline(DeadlineKind.VisitorGone, VisitorClock(state) + VisitorGone),
        SessionStatus.Closing => new Deadline(DeadlineKind.CloseUnanswered, state.StatusSince + CloseUnanswered),
        SessionStatus.CollectingContact => new Deadline(DeadlineKind.ContactAbandoned, state.LastActivityAt + ContactAbandoned),
        _ => null,
    };

    /// <summary>Silence with an operator counts from the visitor's last input, or from when the operator took over.</summary>
    private static DateTimeOffset VisitorClock(SessionState state) =>
        state.LastVisitorAt > state.OperatorSince ? state.LastVisitorAt : state.OperatorSince;
}
