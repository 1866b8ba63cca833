namespace Lucine.Domain.Tickets;

/// <summary>Files on a ticket: the staff's are replies that carry one, the customer's are their messages; one budget and rate for both.</summary>
public sealed partial class TicketWorkflow
{
    /// <summary>Sent to the customer like a reply; the notification names the file when there is no caption.</summary>
    private Rejection? StaffAttaches(Turn turn, StaffAttaches attaches) =>
        Answer(turn, attaches.Actor, attaches.Caption, TicketEntryKind.Reply, attaches.Attachment);

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
