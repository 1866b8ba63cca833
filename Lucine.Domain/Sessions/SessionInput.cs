namespace Lucine.Domain.Sessions;

/// <summary>Something that happened to a session and that the workflow must react to.</summary>
public abstract record SessionInput(string? ClientMessageId = null);

/// <summary>
/// The visitor wrote. What the workflow needs to know from outside (the assistant's answer, a ticket
/// number) it asks for (<see cref="NeedsAnswer"/>, <see cref="NeedsTicketNumber"/>); the host gives it
/// back here, so that deciding stays pure and a replay decides the same. What is not needed is ignored.
/// </summary>
public sealed record VisitorWrote(string Text, string? ClientMessageId, AssistantAnswer? Answer = null, TicketNumber? NewTicket = null) : VisitorInput(ClientMessageId);

/// <summary>The visitor pressed a command button; <paramref name="Routing"/> and <paramref name="NewTicket"/> as the workflow asks for them.</summary>
public sealed record VisitorPressed(VisitorCommand Command, string? ClientMessageId, Routing? Routing = null, TicketNumber? NewTicket = null) : VisitorInput(ClientMessageId);

/// <summary>The visitor sent a file (already stored under its id), with an optional <paramref name="Caption"/>.</summary>
public sealed record VisitorAttaches(Attachment Attachment, string Caption, string? ClientMessageId) : VisitorInput(ClientMessageId);

/// <summary>What the visitor writes or presses, with where they are when their widget says so (kept from the first input on).</summary>
public abstract record VisitorInput(string? ClientMessageId) : SessionInput(ClientMessageId)
{
    public VisitorContext? Context { get; init; }

    /// <summary>Set when the input came without a session: how long after its session started it may still reach it (see <see cref="FirstMessageReplay"/>).</summary>
    public TimeSpan? FirstMessageWindow { get; init; }
}

/// <summary>The visitor opened another page with the chat still going: operators see where they are now.</summary>
public sealed record VisitorNavigated(VisitorPage Page) : SessionInput;

/// <summary>The visitor rated the conversation that has just ended (see <see cref="SatisfactionRules"/>).</summary>
public sealed record VisitorRates(RatingGiven Rating) : SessionInput;

/// <summary>
/// The visitor came back through the resume link of the ticket this conversation became, with what
/// the staff wrote to them on the ticket (replies and public notes, oldest first).
/// </summary>
public sealed record VisitorResumes(TicketNumber Ticket, IReadOnlyList<StaffReply> Replies) : SessionInput;

/// <summary>Something the staff wrote to the customer on a ticket; <paramref name="Author"/> is the staff member's name as customers see it.</summary>
public sealed record StaffReply(string Author, string Text);

/// <summary>
/// Who could take the chat when the input was prepared: <paramref name="Reserved"/> is an operator
/// whose capacity was already reserved for this session (routing reserves before deciding, so that
/// no operator is ever given more chats than they can hold); <paramref name="Waiting"/> is the number
/// of sessions queued already.
/// </summary>
public sealed record Routing(Staffing Staffing, int Waiting, OperatorRef? Reserved);

/// <summary>An operator acting on the session; <paramref name="Supervising"/>: a supervisor or admin, who may act on any chat.</summary>
public abstract record OperatorInput(OperatorRef Operator, bool Supervising, string? ClientMessageId = null) : SessionInput(ClientMessageId);

/// <summary>
/// An operator takes a queued chat: by hand, or given to them by routing, which reserved their
/// <paramref name="Slot"/> before choosing them. A manual take asks for its slot (<see cref="NeedsSlot"/>).
/// </summary>
public sealed record OperatorTakes(OperatorRef Operator, bool ByRouting, OperatorSlot? Slot = null) : OperatorInput(Operator, false);

public sealed record OperatorWrites(OperatorRef Operator, bool Supervising, string Text, string? ClientMessageId) : OperatorInput(Operator, Supervising, ClientMessageId);

/// <summary>The operator sent a file (already stored under its id), with an optional <paramref name="Caption"/>: a message like any they write.</summary>
public sealed record OperatorAttaches(OperatorRef Operator, bool Supervising, Attachment Attachment, string Caption, string? ClientMessageId)
    : OperatorInput(Operator, Supervising, ClientMessageId);

/// <summary>Hands the chat to the operator named <paramref name="Target"/>, once a slot of theirs is reserved (<see cref="NeedsSlot"/>).</summary>
public sealed record OperatorTransfers(OperatorRef Operator, bool Supervising, string Target, OperatorSlot? Slot = null) : OperatorInput(Operator, Supervising);

/// <summary>Puts the chat back in the queue: by choice, or because the operator went offline.</summary>
public sealed record OperatorReleases(OperatorRef Operator, bool Supervising) : OperatorInput(Operator, Supervising);

/// <summary>
/// The operator in charge has had no realtime connection for the presence grace period (closed browser,
/// lost network). A chat they had not answered yet goes to someone else at once, with
/// <paramref name="Routing"/> as the workflow asks for it (<see cref="NeedsRouting"/>); a chat they were
/// answering waits for them as long as the first-response rule allows.
/// </summary>
public sealed record OperatorLost(OperatorRef Operator, Routing? Routing = null) : OperatorInput(Operator, Supervising: false);

public sealed record OperatorAsksToClose(OperatorRef Operator, bool Supervising) : OperatorInput(Operator, Supervising);

public sealed record OperatorCloses(OperatorRef Operator, bool Supervising, SessionOutcome Outcome) : OperatorInput(Operator, Supervising);

/// <summary>
/// The session's deadline may have come. Delivered by the sweep, possibly late, twice, or for a
/// deadline that has moved since: the workflow checks against the state and does nothing if it is
/// not due. A chat to reassign asks for <paramref name="Routing"/> (<see cref="NeedsRouting"/>).
/// </summary>
public sealed record DeadlineReached(Routing? Routing = null) : SessionInput;
