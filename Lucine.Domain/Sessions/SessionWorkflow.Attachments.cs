namespace Lucine.Domain.Sessions;

/// <summary>Files sent in a chat: a message that carries one, within the session's attachment budget and rate.</summary>
public sealed partial class SessionWorkflow
{
    /// <summary>
    /// The visitor may send a file whenever they may write, but while the assistant collects a contact
    /// (each answer there is a name, an address or the need) and after the end (a file opens no new conversation).
    /// </summary>
    private Rejection? VisitorAttaches(Turn turn, VisitorAttaches attaches)
    {
        var state = turn.State;
        if (state.IsEnded)
        {
            return ChatEnded;
        }

        if (state.Status == SessionStatus.CollectingContact)
        {
            return Rejection.Conflict("attachment-not-now", "Answer the question about the ticket first; a file can be sent once the ticket is open or in a chat.");
        }

        if (Budget(turn, attaches.Attachment) is { } refused)
        {
            return refused;
        }

        CountVisitorInput(turn, attaches);
        turn.Add(MessageSender.Visitor, attaches.Caption, clientMessageId: attaches.ClientMessageId, attachment: attaches.Attachment);
        if (attaches.Caption.Length > 0)
        {
            turn.VisitorWords = attaches.Caption;
            turn.State = turn.State with { LastVisitorWords = Capped(attaches.Caption) };
        }

        if (state.Status is SessionStatus.WaitingClient or SessionStatus.Closing)
        {
            // As when they write: the visitor is back, or still needs help.
            turn.Enter(SessionStatus.WithOperator);
        }

        return null;
    }

    /// <summary>An operator's file is a message they write: the same rule of who may (<see cref="Refusal"/>, checked before).</summary>
    private Rejection? OperatorAttaches(Turn turn, OperatorAttaches attaches)
    {
        if (Budget(turn, attaches.Attachment) is { } refused)
        {
            return refused;
        }

        Write(turn, attaches.Operator, attaches.Caption, attaches.ClientMessageId, attaches.Attachment);
        return null;
    }

    private static readonly Rejection ChatEnded = Rejection.Conflict("chat-ended", "This chat has already ended.");

    private Rejection? Budget(Turn turn, Attachment attachment)
    {
        if (attachments.Refusal(turn.State.Attachments, attachment, turn.Now) is { } refused)
        {
            return refused;
        }

        turn.State = turn.State with { Attachments = AttachmentPolicy.Count(turn.State.Attachments, attachment, turn.Now) };
        return null;
    }
}
