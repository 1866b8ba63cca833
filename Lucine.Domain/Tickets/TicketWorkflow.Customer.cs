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
        return HeardFromCustomer(turn);
    }

    /// <summary>A file from the ticket's page: heard from the customer like a message, but not on their channel (no WhatsApp window, no delivery proof).</summary>
    private Rejection? CustomerAttaches(Turn turn, CustomerAttaches attaches)
    {
        if ((Closed(turn) ?? Budget(turn, attaches.Attachment)) is { } refused)
        {
            return refused;
        }

        turn.Add(TicketEntryKind.CustomerMessage, turn.State.Contact.Name, attaches.Caption, attaches.Attachment);
        return HeardFromCustomer(turn);
    }

    /// <summary>The customer is back: a ticket waiting for them or resolved is worked on again, and its staff hear of it.</summary>
    private Rejection? HeardFromCustomer(Turn turn)
    {
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
