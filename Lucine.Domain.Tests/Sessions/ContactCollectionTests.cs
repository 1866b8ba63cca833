using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>The assistant taking a name and a contact for a ticket, step by step, in the chat.</summary>
[Trait("Category", Layer.Unit)]
public sealed class ContactCollectionTests
{
    private static SessionState Collecting() => Decide(Bot(), Pressed(VisitorCommand.RequestTicket), 1).State;

    private static SessionState Named() => Decide(Collecting(), Wrote(Collecting(), "Maria Rossi"), 2).State;

    /// <summary>Name and email given: the assistant asks what the request is about.</summary>
    private static SessionState AskedNeed() => Decide(Named(), Wrote(Named(), "maria@example.com"), 3).State;

    private const string Need = "Vorrei cambiare la data del mio biglietto";

    [Theory]
    [InlineData("vorrei aprire un ticket")]
    [InlineData("posso lasciare un messaggio allo staff?")]
    [InlineData("Can I open a ticket please")]
    public void Words_asking_for_a_ticket_start_the_collection(string words)
    {
        var decision = Decide(Bot(), Wrote(Bot(), words), 1);

        Assert.Equal(SessionStatus.CollectingContact, decision.State.Status);
        Assert.Equal(new ContactDraft(TicketReason.VisitorRequest), decision.State.Contact);
    }

    [Fact]
    public void Asking_about_entry_tickets_is_not_asking_for_a_support_ticket()
    {
        var decision = Decide(Bot(), Wrote(Bot(), "how much is a ticket?"), 1);

        Assert.Equal(SessionStatus.Bot, decision.State.Status);
    }

    [Fact]
    public void The_name_comes_first_and_the_assistant_does_not_answer_it_as_a_question()
    {
        var decision = Decide(Collecting(), Wrote(Collecting(), "Maria Rossi"), 2);

        Assert.Equal("Maria Rossi", decision.State.Contact!.Name);
        Assert.Equal(Text(TemplateKeys.TicketAskContact, Language.Italian, ("name", "Maria Rossi")), decision.Messages[^1].Text);
        Assert.Null(Workflow.Decide(Collecting(), new VisitorWrote("Maria Rossi", null), At(2)).Need);
    }

    [Theory]
    [InlineData("maria@example.com")]
    [InlineData("333 1234567")]
    [InlineData("")]
    public void What_is_not_a_name_is_asked_again(string text)
    {
        var decision = Decide(Collecting(), Wrote(Collecting(), text.Length == 0 ? " " : text), 2);

        Assert.Equal(SessionStatus.CollectingContact, decision.State.Status);
        Assert.Null(decision.State.Contact!.Name);
        Assert.Equal(Text(TemplateKeys.TicketNameInvalid), decision.Messages[^1].Text);
    }

    [Fact]
    public void An_email_completes_the_contact_and_the_assistant_asks_what_the_request_is_about()
    {
        var state = Named();

        var decision = Decide(state, Wrote(state, "Maria.Rossi@Example.COM"), 3);

        Assert.Equal(SessionStatus.CollectingContact, decision.State.Status);
        Assert.Equal(new ContactDraft(TicketReason.VisitorRequest, "Maria Rossi", "Maria.Rossi@example.com", ContactChannel.Email), decision.State.Contact);
        Assert.Equal(Text(TemplateKeys.TicketAskNeed), decision.Messages[^1].Text);
        Assert.Equal(["cancel_ticket"], decision.Messages[^1].ActionNames());
        Assert.Empty(decision.Effects<OpenTicket>());
    }

    [Fact]
    public void The_need_written_completes_the_request_and_the_conversation_becomes_the_ticket()
    {
        var state = Decide(Named(), Wrote(Named(), "Maria.Rossi@Example.COM"), 3).State;

        var decision = Decide(state, Wrote(state, Need), 3);

        Assert.Equal((SessionStatus.Ended, SessionOutcome.ConvertedToTicket), (decision.State.Status, decision.State.Outcome));
        Assert.Equal(NewTicket, decision.State.Ticket);
        Assert.Null(decision.State.Contact);
        var opened = Assert.Single(decision.Effects<OpenTicket>());
        Assert.Equal(new CustomerContact("Maria Rossi", ContactChannel.Email, "Maria.Rossi@example.com"), opened.Contact);
        Assert.Equal((TicketPriority.Medium, TicketReason.VisitorRequest, decision.State.LastSequence), (opened.Priority, opened.Reason, opened.TranscriptTo));
        Assert.Equal(Need, opened.Need);

        // Medium: first answer within 4 hours of 18:03 UTC (19:03 in Rome) → 23:03 the same day.
        var confirmation = decision.Messages[^1].Text;
        Assert.Contains("LUC-2025-000042", confirmation);
        Assert.Contains("entro oggi alle 23:03", confirmation);
        Assert.Contains("Maria.Rossi@example.com", confirmation);
        Assert.Contains(AnalyticsEventTypes.TicketFromChat, decision.AnalyticsTypes());
    }

    [Fact]
    public void A_phone_number_is_read_as_italian_by_default_and_the_visitor_picks_whatsapp_or_sms()
    {
        var state = Named();

        var phone = Decide(state, Wrote(state, "333 123 4567"), 3);
        Assert.Equal("+393331234567", phone.State.Contact!.Address);
        Assert.Equal(["contact_whatsapp", "contact_sms", "cancel_ticket"], phone.Messages[^1].ActionNames());
        Assert.Empty(phone.Effects<OpenTicket>());

        var sms = Decide(phone.State, Pressed(VisitorCommand.ContactSms), 4);
        Assert.Equal(Text(TemplateKeys.TicketAskNeed), sms.Messages[^1].Text);
        var bySms = Decide(sms.State, Wrote(sms.State, Need), 5);
        Assert.Equal(new CustomerContact("Maria Rossi", ContactChannel.Sms, "+393331234567"), Assert.Single(bySms.Effects<OpenTicket>()).Contact);

        var typed = Decide(phone.State, Wrote(phone.State, "su whatsapp grazie"), 4);
        Assert.Equal(ContactChannel.WhatsApp, typed.State.Contact!.Channel);
        Assert.Equal(ContactChannel.WhatsApp, Assert.Single(Decide(typed.State, Wrote(typed.State, Need), 5).Effects<OpenTicket>()).Contact.Channel);
    }

    [Fact]
    public void An_unreadable_contact_is_asked_again_with_an_example()
    {
        var state = Named();

        var decision = Decide(state, Wrote(state, "chiamatemi domani"), 3);

        Assert.Equal(SessionStatus.CollectingContact, decision.State.Status);
        Assert.Equal(Text(TemplateKeys.TicketContactInvalid), decision.Messages[^1].Text);
    }

    [Theory]
    [InlineData("annulla")]
    [InlineData("no, Annulla tutto")]
    [InlineData("cancel")]
    public void Cancel_as_a_whole_word_stops_at_any_step(string text)
    {
        foreach (var state in new[] { Collecting(), Named() })
        {
            var decision = Decide(state, Wrote(state, text), 3);

            Assert.Equal(SessionStatus.Bot, decision.State.Status);
            Assert.Null(decision.State.Contact);
            Assert.Equal(Text(TemplateKeys.TicketCancelled), decision.Messages[^1].Text);
            Assert.Empty(decision.Effects<OpenTicket>());
        }
    }

    [Fact]
    public void Cancel_inside_another_word_is_not_a_cancel()
    {
        var decision = Decide(Collecting(), Wrote(Collecting(), "Annullata Bianchi"), 2);

        Assert.Equal("Annullata Bianchi", decision.State.Contact!.Name);
    }

    [Fact]
    public void The_cancel_button_stops_too_and_channel_buttons_need_a_collection()
    {
        Assert.Equal(SessionStatus.Bot, Decide(Named(), Pressed(VisitorCommand.CancelTicket), 3).State.Status);
        Assert.Equal("action-not-available", Decide(Bot(), Pressed(VisitorCommand.ContactSms), 3).Rejection?.Code);
    }

    [Fact]
    public void Only_the_answer_that_completes_the_contact_asks_for_a_ticket_number_and_asking_changes_nothing()
    {
        SessionDecision Unprovided(SessionState state, string text) => Workflow.Decide(state, new VisitorWrote(text, null), At(3));

        Assert.Null(Unprovided(Collecting(), "Maria").Need);
        Assert.Null(Unprovided(Named(), "333 1234567").Need);
        Assert.Null(Unprovided(Named(), "annulla").Need);
        Assert.Null(Unprovided(Named(), "maria@example.com").Need);
        var completing = Unprovided(AskedNeed(), Need);
        Assert.IsType<NeedsTicketNumber>(completing.Need);
        Assert.Equal((AskedNeed(), 0, 0), (completing.State, completing.Messages.Count, completing.Effects.Count));
    }

    [Fact]
    public void Ten_quiet_minutes_abandon_the_collection()
    {
        var decision = Decide(Named(), new DeadlineReached(), 12);

        Assert.Equal((SessionStatus.Ended, SessionOutcome.Abandoned), (decision.State.Status, decision.State.Outcome));
        Assert.Null(decision.State.Contact);
    }

    [Fact]
    public void The_resume_link_reopens_an_ended_conversation_with_the_choice_of_assistant_or_person()
    {
        var ended = Decide(AskedNeed(), Wrote(AskedNeed(), Need), 3).State;

        var decision = Decide(ended, new VisitorResumes(NewTicket, []), 600);

        Assert.Equal(SessionStatus.Bot, decision.State.Status);
        Assert.Equal(NewTicket, decision.State.Ticket);
        Assert.Equal(ended.LastSequence + 1, decision.Messages.Single().Sequence);
        Assert.Equal(Text(TemplateKeys.ChatResumedNoReply, Language.Italian, ("ticket", NewTicket.ToString())), decision.Messages[0].Text);
        Assert.Equal(["request_operator", "continue_ai"], decision.Messages[0].ActionNames());
        Assert.Equal(["Parla con lo staff", "Continua con l'assistente"], decision.Messages[0].Actions.Select(a => a.Label));
        Assert.True(Decide(decision.State, new VisitorResumes(NewTicket, []), 601).IsNoChange);
    }

    [Fact]
    public void A_resumed_conversation_shows_what_the_staff_wrote_in_order_before_the_choice()
    {
        var ended = Decide(AskedNeed(), Wrote(AskedNeed(), Need), 3).State;
        StaffReply[] replies = [new("anna", "Ciao Maria, abbiamo spostato il biglietto al 20 dicembre."), new("carla", "Ti abbiamo mandato il nuovo biglietto via email.")];

        var decision = Decide(ended, new VisitorResumes(NewTicket, replies), 600);

        Assert.Equal(
            [(MessageSender.Operator, replies[0].Text, "anna"), (MessageSender.Operator, replies[1].Text, "carla"), (MessageSender.System, Text(TemplateKeys.ChatResumedFromTicket, Language.Italian, ("ticket", NewTicket.ToString())), null)],
            decision.Messages.Select(m => (m.Sender, m.Text, m.Author)));
        Assert.Equal([ended.LastSequence + 1, ended.LastSequence + 2, ended.LastSequence + 3], decision.Messages.Select(m => m.Sequence));
        Assert.Equal(["request_operator", "continue_ai"], decision.Messages[^1].ActionNames());
        Assert.Empty(decision.Messages[0].Actions);
    }

    [Fact]
    public void What_the_visitor_is_asked_for_follows_the_draft_and_only_while_collecting()
    {
        Assert.Null(ContactCollection.Expecting(Bot()));
        Assert.Equal(ContactQuestion.Name, ContactCollection.Expecting(Collecting()));
        Assert.Equal(ContactQuestion.Contact, ContactCollection.Expecting(Named()));
        var phone = Decide(Named(), Wrote(Named(), "333 123 4567"), 3).State;
        Assert.Equal(ContactQuestion.Channel, ContactCollection.Expecting(phone));
        Assert.Equal(ContactQuestion.Request, ContactCollection.Expecting(Decide(phone, Pressed(VisitorCommand.ContactSms), 4).State));
        Assert.Null(ContactCollection.Expecting(Decide(phone, Pressed(VisitorCommand.CancelTicket), 4).State));
    }
}
