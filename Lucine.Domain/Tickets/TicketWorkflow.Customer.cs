namespace Lucine.Domain.Tickets;

/// <summary>What reaches a ticket from the customer's side: their messages, and their contact failing.</summary>
public sealed partial class TicketWorkflow
{
    private Rejection? CustomerWrote(Turn turn, CustomerWrote wrote)
    {
        turn.Add(TicketEntryKind.CustomerMessage, turn.State.Contact.Name, wrote.Text);
        turn.State = turn.State with
        {
            LastCustomerMessageAt = wrote.Channel == ContactChannel.WhatsApp ? turn.Now : turn.State.LastCustomerMessageAt,
            Undeliverable = null,
        };
        if (turn.State.Status is TicketStatus.WaitingCustomer or TicketStatus.Resolved)
        {
            Move(turn, CustomerActor, TicketStatus.InProgress);
        }

        turn.Effects.Add(new AlertStaff(turn.State.Assignee, TicketAlerts.CustomerWrote));
        return null;
    }

    private static Rejection? ContactFailed(Turn turn, ContactFailed failed)
    {
        if (turn.State.Undeliverable == failed.Reason)
        {
            return Conflict("already-undeliverable", "The contact is already marked undeliverable for this reason.");
        }

        turn.State = turn.State with { Undeliverable = failed.Reason };
        turn.Add(TicketEntryKind.Event, "lucine", $"Il contatto {turn.State.Contact.Address} non riceve i messaggi: {failed.Reason}.");
        turn.Effects.Add(new AlertStaff(turn.State.Assignee, TicketAlerts.ContactUndeliverable));
        return null;
    }
}
