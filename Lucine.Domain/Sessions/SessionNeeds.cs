namespace Lucine.Domain.Sessions;

/// <summary>
/// The assistant's answer to what the visitor wrote, in the conversation's language so far: the host
/// asks the assistant (with the history it remembers) and gives the answer back in <see cref="VisitorWrote.Answer"/>.
/// </summary>
public sealed record NeedsAnswer(string Text, Language? Language) : Need;

/// <summary>A new ticket number, for the ticket this input opens (the confirmation tells it): given back in the input's NewTicket.</summary>
public sealed record NeedsTicketNumber : Need;

/// <summary>
/// Who could take the chat now, with a slot reserved on the best online operator other than
/// <paramref name="Except"/>: given back as the input's <see cref="Routing"/>.
/// </summary>
public sealed record NeedsRouting(string? Except) : Need;

/// <summary>
/// A slot of one operator's capacity (a manual take, a transfer), reserved before deciding so that no
/// operator is given more chats than they can hold: given back as the input's <see cref="OperatorSlot"/>.
/// </summary>
/// <param name="RequireOnline">A transfer needs the target online; a manual take may go past "away".</param>
public sealed record NeedsSlot(string Username, bool RequireOnline) : Need;
