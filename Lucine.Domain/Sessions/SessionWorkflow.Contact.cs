namespace Lucine.Domain.Sessions;

/// <summary>Collecting a name and a contact, step by step, until the conversation becomes a ticket.</summary>
public sealed partial class SessionWorkflow
{
    /// <summary>Nobody can answer now (or the visitor prefers it): the assistant asks for a name and a contact, for a ticket.</summary>
    private void StartCollectingContact(Turn turn, TicketReason reason, string introduction)
    {
        turn.Enter(SessionStatus.CollectingContact);
        turn.State = turn.State with { Contact = new ContactDraft(reason) };
        turn.Add(MessageSender.Bot, $"{introduction}\n\n{Text(turn, TemplateKeys.TicketAskName)}", [CancelButton(turn)]);
    }

    private void CollectContact(Turn turn, ContactStep step, TicketNumber? number)
    {
        var draft = turn.State.Contact!;
        switch (step.Kind)
        {
            case ContactStepKind.Cancelled:
                turn.Enter(SessionStatus.Bot);
                turn.State = turn.State with { Contact = null };
                turn.Add(MessageSender.Bot, Text(turn, TemplateKeys.TicketCancelled),
                    [Button(turn, VisitorCommand.RequestOperator, TemplateKeys.RequestOperatorLabel)]);
                break;
            case ContactStepKind.NameInvalid:
                turn.Add(MessageSender.Bot, Text(turn, TemplateKeys.TicketNameInvalid), [CancelButton(turn)]);
                break;
            case ContactStepKind.NameGiven:
                turn.State = turn.State with { Contact = draft with { Name = step.Value } };
                turn.Add(MessageSender.Bot, Render(turn, TemplateKeys.TicketAskContact, name => name == "name" ? step.Value : null), [CancelButton(turn)]);
                break;
            case ContactStepKind.ContactInvalid:
                turn.Add(MessageSender.Bot, Text(turn, TemplateKeys.TicketContactInvalid), [CancelButton(turn)]);
                break;
            case ContactStepKind.PhoneGiven or ContactStepKind.ChannelInvalid:
                turn.State = turn.State with { Contact = draft with { Address = step.Value } };
                turn.Add(MessageSender.Bot, Text(turn, TemplateKeys.TicketAskChannel),
                    [Button(turn, VisitorCommand.ContactWhatsapp, TemplateKeys.ContactWhatsappLabel), Button(turn, VisitorCommand.ContactSms, TemplateKeys.ContactSmsLabel), CancelButton(turn)]);
                break;
            case ContactStepKind.EmailGiven or ContactStepKind.ChannelChosen when number is null:
                turn.Need = new NeedsTicketNumber();
                break;
            case ContactStepKind.EmailGiven:
                OpenTicket(turn, new CustomerContact(draft.Name!, ContactChannel.Email, step.Value!), number!.Value);
                break;
            case ContactStepKind.ChannelChosen:
                OpenTicket(turn, new CustomerContact(draft.Name!, step.Channel!.Value, draft.Address!), number!.Value);
                break;
        }
    }

    /// <summary>The contact is complete: the conversation becomes the ticket, and the visitor learns its number and when to expect an answer.</summary>
    private void OpenTicket(Turn turn, CustomerContact contact, TicketNumber ticket)
    {
        var reason = turn.State.Contact!.Reason;
        var priority = TicketRules.PriorityFor(reason);
        var language = Language(turn);
        var due = DateText.Moment(tickets.FirstResponseDue(priority, turn.Now), turn.Now, tickets.Zone, language);
        var confirmation = Render(turn, TemplateKeys.TicketCreated, name => name switch
        {
            "ticket" => ticket.ToString(),
            "due" => due,
            "contact" => contact.Address,
            "channel" => Text(turn, ChannelName(contact.Channel)),
            _ => null,
        });
        turn.Record(AnalyticsEventTypes.TicketFromChat, ("reason", WireNames.Of(reason)), ("channel", WireNames.Of(contact.Channel)));
        EndWith(turn, SessionOutcome.ConvertedToTicket, "ticket", confirmation);
        turn.State = turn.State with { Ticket = ticket };
        turn.Effects.Add(new Sessions.OpenTicket(ticket, contact, language, priority, reason, turn.State.LastSequence));
    }

    private static string ChannelName(ContactChannel channel) => channel switch
    {
        ContactChannel.Email => TemplateKeys.ChannelEmail,
        ContactChannel.WhatsApp => TemplateKeys.ChannelWhatsapp,
        _ => TemplateKeys.ChannelSms,
    };

    private SmartAction CancelButton(Turn turn) => Button(turn, VisitorCommand.CancelTicket, TemplateKeys.CancelTicketLabel);
}
