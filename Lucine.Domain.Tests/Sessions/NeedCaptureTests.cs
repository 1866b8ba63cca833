using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>
/// After the contact details the assistant learns what the request is about: it proposes the
/// conversation's clear question, or asks; the ticket's subject is that need.
/// </summary>
[Trait("Category", Layer.Unit)]
public sealed class NeedCaptureTests
{
    /// <summary>A question the assistant cannot answer (no topic): the clear question of the conversation.</summary>
    private const string Unanswered = "posso portare un drone per fare riprese dall'alto?";

    private static SessionState Through(SessionState state, params string[] answers)
    {
        var minute = 1;
        foreach (var answer in answers)
        {
            state = Decide(state, Wrote(state, answer), minute++).State;
        }

        return state;
    }

    /// <summary>The visitor asked <see cref="Unanswered"/>, accepted a person, nobody was online: name and email given.</summary>
    private static SessionState AfterUnansweredQuestion()
    {
        var offered = Decide(Fresh(), Wrote(Fresh(), Unanswered), 0).State;
        var collecting = Decide(offered, Pressed(VisitorCommand.RequestOperator, NobodyOnline), 1).State;
        return Through(collecting, "Maria Rossi", "maria@example.com");
    }

    /// <summary>"Quanto costa il biglietto?" was answered; then the visitor asked for a ticket and gave name and email.</summary>
    private static SessionState AfterAnsweredQuestion() => Through(Decide(Bot(), Pressed(VisitorCommand.RequestTicket), 1).State, "Maria Rossi", "maria@example.com");

    [Theory]
    [InlineData(Unanswered, true)]
    [InlineData("vorrei un rimborso del biglietto", true)]
    [InlineData("rimborso?", false)]
    [InlineData("ci sei?", false)]
    public void A_clear_question_has_a_few_words_and_is_not_a_word_or_two(string text, bool clear) =>
        Assert.Equal(clear, NeedCapture.IsClearQuestion(text));

    [Fact]
    public void The_question_the_assistant_could_not_answer_is_remembered_and_an_answered_one_is_not()
    {
        Assert.Equal(Unanswered, Decide(Fresh(), Wrote(Fresh(), Unanswered), 0).State.UnansweredQuestion);
        Assert.Null(Bot().UnansweredQuestion);
        Assert.Null(Confirming().UnansweredQuestion);
    }

    [Fact]
    public void With_a_clear_question_the_assistant_proposes_it_with_buttons_named_by_what_they_do()
    {
        var state = AfterUnansweredQuestion();
        var asked = Decide(state, Wrote(state, "x"), 0);
        var proposal = Through(Decide(Decide(Fresh(), Wrote(Fresh(), Unanswered), 0).State, Pressed(VisitorCommand.RequestOperator, NobodyOnline), 1).State, "Maria Rossi");
        var decision = Decide(proposal, Wrote(proposal, "maria@example.com"), 3);

        Assert.Equal(Unanswered, state.Contact!.Proposed);
        Assert.Equal(Text(TemplateKeys.TicketConfirmNeed, Language.Italian, ("question", Unanswered)), decision.Messages[^1].Text);
        Assert.Equal(["confirm_need", "write_need", "cancel_ticket"], decision.Messages[^1].ActionNames());
        Assert.Equal(["Sì, invia questa richiesta", "No, la scrivo io", "Annulla"], decision.Messages[^1].Actions.Select(a => a.Label));
        Assert.Equal(Text(TemplateKeys.TicketNeedInvalid), asked.Messages[^1].Text);
        Assert.Equal(["confirm_need", "write_need", "cancel_ticket"], asked.Messages[^1].ActionNames());
    }

    [Fact]
    public void Confirming_the_proposed_question_opens_the_ticket_with_it_as_the_need()
    {
        var decision = Decide(AfterUnansweredQuestion(), Pressed(VisitorCommand.ConfirmNeed), 5);

        Assert.Equal(SessionOutcome.ConvertedToTicket, decision.State.Outcome);
        Assert.Equal(Unanswered, Assert.Single(decision.Effects<OpenTicket>()).Need);
        Assert.Equal("Sì, invia questa richiesta", decision.Messages[0].Text);
    }

    [Fact]
    public void Choosing_to_write_asks_for_the_need_and_what_is_written_becomes_it()
    {
        var write = Decide(AfterUnansweredQuestion(), Pressed(VisitorCommand.WriteNeed), 5);
        var written = Decide(write.State, Wrote(write.State, "Voglio riprendere il parco con un drone per un servizio TV"), 6);

        Assert.Equal(Text(TemplateKeys.TicketAskNeed), write.Messages[^1].Text);
        Assert.Equal(["cancel_ticket"], write.Messages[^1].ActionNames());
        Assert.Null(write.State.Contact!.Proposed);
        Assert.Equal(Text(TemplateKeys.TicketNeedInvalid), Decide(write.State, Pressed(VisitorCommand.ConfirmNeed), 6).Messages[^1].Text);
        Assert.Equal("Voglio riprendere il parco con un drone per un servizio TV", Assert.Single(written.Effects<OpenTicket>()).Need);
    }

    [Fact]
    public void Without_a_clear_question_the_assistant_asks_in_one_message_and_the_answered_question_is_not_the_need()
    {
        var state = AfterAnsweredQuestion();
        var decision = Decide(state, Wrote(state, "Vorrei cambiare la data del mio biglietto"), 5);

        Assert.Null(state.Contact!.Proposed);
        Assert.Equal("Vorrei cambiare la data del mio biglietto", Assert.Single(decision.Effects<OpenTicket>()).Need);
    }

    [Fact]
    public void Typing_a_need_while_a_question_is_proposed_takes_the_typed_one()
    {
        var state = AfterUnansweredQuestion();

        var decision = Decide(state, Wrote(state, "In realtà vorrei un rimborso"), 5);

        Assert.Equal("In realtà vorrei un rimborso", Assert.Single(decision.Effects<OpenTicket>()).Need);
    }

    [Theory]
    [InlineData("?")]
    [InlineData("boh")]
    [InlineData("1234567890")]
    public void Too_little_to_tell_the_staff_anything_is_asked_again(string text)
    {
        var state = AfterAnsweredQuestion();

        var decision = Decide(state, Wrote(state, text), 5);

        Assert.Equal(SessionStatus.CollectingContact, decision.State.Status);
        Assert.Equal(Text(TemplateKeys.TicketNeedInvalid), decision.Messages[^1].Text);
        Assert.Empty(decision.Effects<OpenTicket>());
    }

    [Fact]
    public void Cancel_works_at_the_need_step_by_button_or_word_but_a_need_about_cancelling_is_a_need()
    {
        foreach (var state in new[] { AfterUnansweredQuestion(), AfterAnsweredQuestion() })
        {
            foreach (var input in new SessionInput[] { Pressed(VisitorCommand.CancelTicket), Wrote(state, "annulla"), Wrote(state, "Cancel") })
            {
                var cancelled = Decide(state, input, 5);

                Assert.Equal(SessionStatus.Bot, cancelled.State.Status);
                Assert.Equal(Text(TemplateKeys.TicketCancelled), cancelled.Messages[^1].Text);
                Assert.Empty(cancelled.Effects<OpenTicket>());
            }
        }

        var need = Decide(AfterAnsweredQuestion(), Wrote(AfterAnsweredQuestion(), "vorrei annullare la prenotazione del 20"), 5);
        Assert.Equal("vorrei annullare la prenotazione del 20", Assert.Single(need.Effects<OpenTicket>()).Need);
    }

    [Fact]
    public void The_need_buttons_mean_nothing_outside_the_collection()
    {
        Assert.Equal("action-not-available", Decide(Bot(), Pressed(VisitorCommand.ConfirmNeed), 3).Rejection?.Code);
        Assert.Equal("action-not-available", Decide(Bot(), Pressed(VisitorCommand.WriteNeed), 3).Rejection?.Code);
    }

    [Fact]
    public void A_new_conversation_forgets_the_old_question()
    {
        var ended = Decide(AfterUnansweredQuestion(), Pressed(VisitorCommand.ConfirmNeed), 5).State;

        var again = Decide(ended, Wrote(ended, PlainQuestion), 30);

        Assert.Null(again.State.UnansweredQuestion);
    }
}
