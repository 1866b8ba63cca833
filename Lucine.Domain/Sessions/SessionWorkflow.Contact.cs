namespace Lucine.Domain.Sessions;

/// <summary>Collecting a name, a contact and what the request is about, step by step, until the conversation becomes a ticket.</summary>
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
            case ContactStepKind.EmailGiven:
                AskNeed(turn, draft with { Address = step.Value, Channel = ContactChannel.Email });
                break;
            case ContactStepKind.ChannelChosen:
                AskNeed(turn, draft with { Channel = step.Channel });
                break;
            case ContactStepKind.NeedToWrite:
                AskNeed(turn, draft with { Proposed = null }, propose: false);
                break;
            case ContactStepKind.NeedInvalid:
                turn.Add(MessageSender.Bot, Text(turn, TemplateKeys.TicketNeedInvalid), NeedButtons(turn, draft));
                break;
            case ContactStepKind.NeedGiven when number is null:
                turn.Need = new NeedsTicketNumber();
                break;
            case ContactStepKind.NeedGiven:
                OpenTicket(turn, new CustomerContact(draft.Name!, draft.Channel!.Value, draft.Address!), step.Value!, number!.Value);
                break;
        }
    }

    /// <summary>
    /// The last step, in one message: the conversation's clear question offered for confirmation
    /// (<see cref="NeedCapture"/>), or the visitor asked to write what they need.
    /// </summary>
    private void AskNeed(Turn turn, ContactDraft draft, bool propose = true)
    {
        var question = propose ? turn.State.UnansweredQuestion : null;
        draft = draft with { Proposed = question };
        turn.State = turn.State with { Contact = draft };
        turn.Add(MessageSender.Bot,
            question is null ? Text(turn, TemplateKeys.TicketAskNeed) : Render(turn, TemplateKeys.TicketConfirmNeed, name => name == "question" ? question : null),
            NeedButtons(turn, draft));
    }

    private SmartAction[] NeedButtons(Turn turn, ContactDraft draft) => draft.Proposed is null
        ? [CancelButton(turn)]
        : [Button(turn, VisitorCommand.ConfirmNeed, TemplateKeys.ConfirmNeedLabel), Button(turn, VisitorCommand.WriteNeed, TemplateKeys.WriteNeedLabel), CancelButton(turn)];

    /// <summary>Everything is known: the conversation becomes the ticket, and the visitor learns its number and when to expect an answer.</summary>
    private void OpenTicket(Turn turn, CustomerContact contact, string need, TicketNumber ticket)
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
        turn.Effects.Add(new Sessions.OpenTicket(ticket, contact, language, priority, reason, turn.State.LastSequence, need));
    }

    private static string ChannelName(ContactChannel channel) => channel switch
    {
        ContactChannel.Email => TemplateKeys.ChannelEmail,
        ContactChannel.WhatsApp => TemplateKeys.ChannelWhatsapp,
        _ => TemplateKeys.ChannelSms,
    };

    private SmartAction CancelButton(Turn turn) => Button(turn, VisitorCommand.CancelTicket, TemplateKeys.CancelTicketLabel);
}
