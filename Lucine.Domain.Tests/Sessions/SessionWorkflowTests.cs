using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>The visitor's side of the workflow: the assistant's replies, the offer of a person, and every button.</summary>
[Trait("Category", Layer.Unit)]
public sealed class SessionWorkflowTests
{
    [Fact]
    public void A_question_appends_the_visitor_line_and_the_answer_in_sequence()
    {
        var state = Fresh() with { LastSequence = 6 };

        var decision = Workflow.Decide(state, Wrote(state, PlainQuestion, "c-1"), T0);

        Assert.Collection(
            decision.Messages,
            visitor => Assert.Equal((7, MessageSender.Visitor, PlainQuestion, "c-1"), (visitor.Sequence, visitor.Sender, visitor.Text, visitor.ClientMessageId)),
            bot =>
            {
                Assert.Equal((8, MessageSender.Bot), (bot.Sequence, bot.Sender));
                Assert.Contains("€9", bot.Text);
                Assert.Equal(["buy_tickets"], bot.ActionNames());
            });
        Assert.Equal(8, decision.State.LastSequence);
        Assert.Equal(Language.Italian, decision.State.Language);
        Assert.Equal(SessionStatus.Bot, decision.State.Status);
    }

    [Fact]
    public void Each_answer_records_a_chat_message_event()
    {
        var decision = Workflow.Decide(Fresh(), Wrote(Fresh(), "Can I bring my dog?"), T0);

        var analytics = Assert.Single(decision.Effects<RecordAnalytics>()).Event;
        Assert.Equal(AnalyticsEventTypes.ChatMessage, analytics.Type);
        Assert.Equal(Id.Value, analytics.Subject);
        Assert.Equal("en", analytics.Data["language"]);
        Assert.Equal("answered", analytics.Data["outcome"]);
        Assert.Equal("pets", analytics.Data["topics"]);
        Assert.Equal("local", analytics.Data["answerer"]);
    }

    [Fact]
    public void An_exchange_with_the_assistant_alone_is_not_pushed_to_anyone()
    {
        // The answer goes back in the HTTP response; no operator or queue is involved.
        var decision = Workflow.Decide(Bot(), Wrote(Bot(), "orari?"), At(1));

        Assert.Empty(decision.Effects<PublishUpdate>());
    }

    [Fact]
    public void A_question_mentioning_a_price_per_person_is_not_a_request_for_a_person()
    {
        // "persona" alone is no request: only the phrases of the person_request list are.
        var decision = Workflow.Decide(Fresh(), Wrote(Fresh(), "Quanto costa il biglietto per persona?"), T0);

        Assert.Equal(SessionStatus.Bot, decision.State.Status);
        Assert.Contains("€9", decision.Messages[^1].Text);
    }

    [Theory]
    [InlineData("voglio parlare con un operatore", Language.Italian)]
    [InlineData("Posso parlare con una persona vera?", Language.Italian)]
    [InlineData("can I talk to a human", Language.English)]
    [InlineData("I want a live agent please", Language.English)]
    public void Asking_for_a_person_in_either_language_offers_one_with_two_buttons(string text, Language language)
    {
        var decision = Workflow.Decide(Fresh(), Wrote(Fresh(), text), T0);

        Assert.Equal(SessionStatus.ConfirmingEscalation, decision.State.Status);
        Assert.Equal(language, decision.State.Language);
        var offer = decision.Messages[^1];
        Assert.Equal(MessageSender.Bot, offer.Sender);

        // The visitor asked for exactly this: no preamble from the assistant, just the question.
        Assert.Equal(Text(TemplateKeys.EscalationOffer, language), offer.Text);
        Assert.Equal(
            [(SmartActionKind.Command, "request_operator", Text(TemplateKeys.RequestOperatorLabel, language)),
             (SmartActionKind.Command, "continue_ai", Text(TemplateKeys.ContinueWithAssistantLabel, language))],
            offer.Actions.Select(a => (a.Kind, a.Action, a.Label)));
    }

    [Theory]
    [InlineData("È una vergogna, inaccettabile!", "Mi dispiace davvero per il disagio.\n\nVuoi che ti metta in contatto con una persona dello staff?")]
    [InlineData("This is ridiculous, the worst evening ever", "I'm really sorry about this.\n\nWould you like me to put you in touch with a member of our staff?")]
    public void An_upset_visitor_gets_an_apology_and_the_offer_of_a_person(string text, string expected)
    {
        var decision = Workflow.Decide(Fresh(), Wrote(Fresh(), text), T0);

        Assert.Equal(SessionStatus.ConfirmingEscalation, decision.State.Status);
        Assert.Equal(expected, decision.Messages[^1].Text);
        Assert.Equal(["request_operator", "continue_ai"], decision.Messages[^1].ActionNames());
    }

    [Theory]
    [InlineData("posso portare un drone?", "not_known")]
    [InlineData("vorrei un rimborso", "needs_human")]
    public void When_the_assistant_cannot_answer_it_says_so_and_offers_a_person(string text, string outcome)
    {
        var question = Wrote(Fresh(), text);

        var decision = Workflow.Decide(Fresh(), question, T0);

        Assert.Equal(SessionStatus.ConfirmingEscalation, decision.State.Status);
        var reply = decision.Messages[^1];
        Assert.Equal($"{question.Answer!.Text}\n\n{Text(TemplateKeys.EscalationOffer)}", reply.Text);
        Assert.Equal(["request_operator", "continue_ai"], reply.ActionNames());
        Assert.Equal(outcome, decision.Effects<RecordAnalytics>().First().Event.Data["outcome"]);
    }

    [Fact]
    public void The_offer_of_a_person_waits_for_the_visitor_as_long_as_the_assistant_does()
    {
        var state = Confirming();

        Assert.Equal(new Deadline(DeadlineKind.AssistantIdle, At(30)), state.Deadline);
    }

    [Fact]
    public void Saying_yes_with_an_operator_reserved_puts_them_in_charge_at_once()
    {
        var decision = Decide(Confirming(), Pressed(VisitorCommand.RequestOperator, Reserved(Anna), "c-2"), 1);

        var state = decision.State;
        Assert.Equal(SessionStatus.WithOperator, state.Status);
        Assert.Equal(Anna, state.Operator);
        Assert.Equal(At(1), state.OperatorSince);
        Assert.False(state.OperatorHasAnswered);
        Assert.Null(state.InQueue);
        Assert.Collection(
            decision.Messages,
            visitor => Assert.Equal((MessageSender.Visitor, "Sì, voglio parlare con una persona", "c-2"), (visitor.Sender, visitor.Text, visitor.ClientMessageId)),
            joined => Assert.Equal((MessageSender.System, "Anna dello staff è ora in chat con te."), (joined.Sender, joined.Text)));
        var update = Assert.Single(decision.Effects<PublishUpdate>());
        Assert.Equal((SessionStatus.WithOperator, true, Anna, (OperatorRef?)null), (update.Status, update.StatusChanged, update.Operator, update.PreviousOperator));
        Assert.True(update.NewOperator);
        Assert.Equal(decision.Messages, update.Messages);
        Assert.Equal([AnalyticsEventTypes.EscalationRequest, AnalyticsEventTypes.QueueAssignmentCompleted], decision.AnalyticsTypes());
        Assert.Empty(decision.Effects<QueueMoved>());
        Assert.Empty(decision.Effects<ReleaseOperator>());
    }

    [Fact]
    public void Saying_yes_with_everyone_busy_queues_the_visitor_with_position_and_estimated_wait()
    {
        // Three already waiting, two operators online and full: fourth in line, ceil(4 / 2 × 5) = 10 minutes.
        var decision = Decide(Confirming(), Pressed(VisitorCommand.RequestOperator, AllBusy(online: 2, waiting: 3)), 1);

        var state = decision.State;
        Assert.Equal(SessionStatus.Queued, state.Status);
        Assert.Null(state.Operator);
        Assert.Equal(new QueueEntry(Id, QueuePriority.Normal, At(1)), state.InQueue);
        Assert.Equal(
            "Tutti gli operatori sono occupati: sei 4° in coda, attesa stimata circa 10 minuti. Resta pure in questa pagina, ti avviso io quando tocca a te.",
            decision.Messages[^1].Text);
        Assert.Equal(MessageSender.System, decision.Messages[^1].Sender);
        var moved = Assert.Single(decision.Effects<QueueMoved>());
        Assert.Equal(state.InQueue, moved.Entry);
        var added = decision.Effects<RecordAnalytics>().Single(r => r.Event.Type == AnalyticsEventTypes.QueueEntryAdded).Event;
        Assert.Equal(("4", "10"), (added.Data["position"], added.Data["estimated_minutes"]));
    }

    [Theory]
    [InlineData(2, 1, 5, 1)] // someone is free (but was not reserved in time): almost immediate
    [InlineData(5, 0, 0, 3)] // ceil(1 / 5 × 5) = 1, raised to the 3-minute floor
    [InlineData(3, 0, 4, 9)] // ceil(5 / 3 × 5) = 9
    [InlineData(1, 0, 9, 30)] // ceil(10 / 1 × 5) = 50, capped at 30
    public void The_estimated_wait_told_to_the_visitor_follows_the_queue_policy(int online, int free, int waiting, int minutes)
    {
        var decision = Decide(Confirming(), Pressed(VisitorCommand.RequestOperator, new Routing(new Staffing(online, free), waiting, null)), 1);

        Assert.Equal(SessionStatus.Queued, decision.State.Status);
        Assert.Contains($"sei {waiting + 1}° in coda, attesa stimata circa {minutes} minuti", decision.Messages[^1].Text);
    }

    [Fact]
    public void Saying_yes_with_nobody_online_turns_into_taking_the_contact_for_a_ticket()
    {
        var decision = Decide(Confirming(), Pressed(VisitorCommand.RequestOperator, NobodyOnline), 1);

        Assert.Equal(SessionStatus.CollectingContact, decision.State.Status);
        Assert.Equal(new ContactDraft(TicketReason.NobodyOnline), decision.State.Contact);
        Assert.Null(decision.State.InQueue);
        var reply = decision.Messages[^1];
        Assert.Equal($"{Text(TemplateKeys.NobodyOnline)}\n\n{Text(TemplateKeys.TicketAskName)}", reply.Text);
        Assert.Equal(["cancel_ticket"], reply.ActionNames());
        Assert.Equal("no_operator_online", decision.Effects<RecordAnalytics>().Single().Event.Data["result"]);
        Assert.Equal(new Deadline(DeadlineKind.ContactAbandoned, At(11)), decision.State.Deadline);
    }

    [Fact]
    public void A_request_for_an_operator_can_also_come_straight_from_the_assistant()
    {
        var decision = Decide(Bot(), Pressed(VisitorCommand.RequestOperator, Reserved(Bruno)), 1);

        Assert.Equal((SessionStatus.WithOperator, Bruno), (decision.State.Status, decision.State.Operator));
    }

    [Fact]
    public void A_request_for_an_operator_first_asks_who_could_take_the_chat_and_changes_nothing_meanwhile()
    {
        var decision = Decide(Confirming(), Pressed(VisitorCommand.RequestOperator), 1);

        Assert.Equal(new NeedsRouting(Except: null), decision.Need);
        Assert.Equal((Confirming(), 0, 0), (decision.State, decision.Messages.Count, decision.Effects.Count));
    }

    [Fact]
    public void Continuing_with_the_assistant_after_the_offer_is_acknowledged()
    {
        var decision = Decide(Confirming(), Pressed(VisitorCommand.ContinueAi), 1);

        Assert.Equal(SessionStatus.Bot, decision.State.Status);
        Assert.Equal("No, continuo con l'assistente", decision.Messages[0].Text);
        Assert.Contains("Chiedimi pure", decision.Messages[1].Text);
        Assert.Empty(decision.Effects<RecordAnalytics>());
        Assert.True(Assert.Single(decision.Effects<PublishUpdate>()).StatusChanged);
    }

    [Fact]
    public void Continuing_with_the_assistant_from_the_queue_leaves_the_queue()
    {
        var decision = Decide(Queued(), Pressed(VisitorCommand.ContinueAi), 2);

        Assert.Equal(SessionStatus.Bot, decision.State.Status);
        Assert.Null(decision.State.InQueue);
        Assert.Equal(Text(TemplateKeys.QueueLeft), decision.Messages[^1].Text);
        Assert.Null(Assert.Single(decision.Effects<QueueMoved>()).Entry);
        Assert.Contains(AnalyticsEventTypes.QueueEntryCancelled, decision.AnalyticsTypes());
        Assert.Equal(new Deadline(DeadlineKind.AssistantIdle, At(32)), decision.State.Deadline);
    }

    [Fact]
    public void Asking_to_leave_a_request_starts_asking_for_the_name()
    {
        var state = Fresh() with { LastSequence = 2, Language = Language.English };

        var decision = Workflow.Decide(state, Pressed(VisitorCommand.RequestTicket), T0);

        Assert.Equal((MessageSender.Visitor, "Leave a request for the staff"), (decision.Messages[0].Sender, decision.Messages[0].Text));
        var reply = decision.Messages[1];
        Assert.EndsWith("What's your name?", reply.Text);
        Assert.Equal(["cancel_ticket"], reply.ActionNames());
        Assert.Equal(SessionStatus.CollectingContact, decision.State.Status);
        Assert.Equal(4, decision.State.LastSequence);
    }

    [Fact]
    public void Asking_to_leave_a_request_from_the_queue_leaves_the_queue()
    {
        var decision = Decide(Queued(), Pressed(VisitorCommand.RequestTicket), 6);

        Assert.Equal(SessionStatus.CollectingContact, decision.State.Status);
        Assert.Null(decision.State.InQueue);
        Assert.Equal(["cancel_ticket"], decision.Messages[^1].ActionNames());
        Assert.Null(Assert.Single(decision.Effects<QueueMoved>()).Entry);
        Assert.Contains(AnalyticsEventTypes.QueueEntryCancelled, decision.AnalyticsTypes());
    }

    [Fact]
    public void Ending_the_chat_when_asked_to_close_resolves_it_and_frees_the_operator()
    {
        var decision = Decide(Closing(), Pressed(VisitorCommand.EndChat), 3);

        var state = decision.State;
        Assert.Equal((SessionStatus.Ended, SessionOutcome.Resolved), (state.Status, state.Outcome));
        Assert.Null(state.Operator);
        Assert.Null(state.Deadline);
        Assert.Equal(Text(TemplateKeys.ChatClosed), decision.Messages[^1].Text);
        Assert.Equal("anna", Assert.Single(decision.Effects<ReleaseOperator>()).Username);
        var update = Assert.Single(decision.Effects<PublishUpdate>());
        Assert.Equal((SessionStatus.Ended, (OperatorRef?)null, Anna), (update.Status, update.Operator, update.PreviousOperator));
        var ended = decision.Effects<RecordAnalytics>().Single(r => r.Event.Type == AnalyticsEventTypes.ChatEnded).Event;
        Assert.Equal(("resolved", "visitor"), (ended.Data["outcome"], ended.Data["ended_by"]));
    }

    [Fact]
    public void Ending_the_chat_while_queued_cancels_it_and_leaves_the_queue()
    {
        var decision = Decide(Queued(), Pressed(VisitorCommand.EndChat), 2);

        Assert.Equal((SessionStatus.Ended, SessionOutcome.Cancelled), (decision.State.Status, decision.State.Outcome));
        Assert.Null(decision.State.InQueue);
        Assert.Null(Assert.Single(decision.Effects<QueueMoved>()).Entry);
        Assert.Empty(decision.Effects<ReleaseOperator>());
    }

    [Fact]
    public void Still_needing_help_when_asked_to_close_keeps_the_operator()
    {
        var decision = Decide(Closing(), Pressed(VisitorCommand.ContinueChat), 3);

        Assert.Equal((SessionStatus.WithOperator, Anna), (decision.State.Status, decision.State.Operator));
        Assert.Equal("Ho ancora bisogno di aiuto", decision.Messages[0].Text);
        Assert.Equal(Text(TemplateKeys.ChatResumed), decision.Messages[1].Text);
        Assert.Empty(decision.Effects<ReleaseOperator>());

        // Anna had answered already: the next wait is the visitor's, from their click.
        Assert.Equal(new Deadline(DeadlineKind.VisitorQuiet, At(13)), decision.State.Deadline);
    }

    [Theory]
    [InlineData(VisitorCommand.ContinueChat, SessionStatus.Bot)]
    [InlineData(VisitorCommand.ContinueChat, SessionStatus.WithOperator)]
    [InlineData(VisitorCommand.RequestOperator, SessionStatus.Queued)]
    [InlineData(VisitorCommand.RequestOperator, SessionStatus.WithOperator)]
    [InlineData(VisitorCommand.RequestTicket, SessionStatus.WithOperator)]
    [InlineData(VisitorCommand.ContinueAi, SessionStatus.WithOperator)]
    [InlineData(VisitorCommand.ContinueAi, SessionStatus.Closing)]
    [InlineData(VisitorCommand.EndChat, SessionStatus.Ended)]
    public void A_button_that_makes_no_sense_in_the_current_state_is_refused_and_changes_nothing(VisitorCommand command, SessionStatus status)
    {
        var state = status switch
        {
            SessionStatus.Bot => Bot(),
            SessionStatus.Queued => Queued(),
            SessionStatus.WithOperator => AnnaAnswered(),
            SessionStatus.Closing => Closing(),
            _ => Ended(),
        };

        var decision = Decide(state, Pressed(command, Reserved(Bruno)), 3);

        Assert.Equal((RejectionKind.Conflict, "action-not-available"), (decision.Rejection!.Kind, decision.Rejection.Code));
        Assert.True(decision.IsNoChange);
        Assert.Same(state, decision.State);
        Assert.Empty(decision.Messages);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Writing_while_queued_gets_no_reply_but_shows_the_operators_what_the_visitor_said()
    {
        var queued = Queued();

        var decision = Decide(queued, Wrote(queued, "Sono ancora qui, quanto manca?"), 2);

        var line = Assert.Single(decision.Messages);
        Assert.Equal(MessageSender.Visitor, line.Sender);
        Assert.Equal(SessionStatus.Queued, decision.State.Status);
        var moved = Assert.Single(decision.Effects<QueueMoved>());
        Assert.Equal((queued.InQueue, "Sono ancora qui, quanto manca?"), (moved.Entry, moved.Preview));

        // The queue's deadlines count from entering the queue, not from the last message.
        Assert.Equal(queued.Deadline, decision.State.Deadline);
    }

    [Fact]
    public void Writing_to_the_operator_gets_no_reply_from_the_assistant()
    {
        var decision = Decide(AnnaAnswered(), Wrote(AnnaAnswered(), "Grazie, un'altra domanda"), 4);

        Assert.Equal(MessageSender.Visitor, Assert.Single(decision.Messages).Sender);
        Assert.Equal((SessionStatus.WithOperator, Anna), (decision.State.Status, decision.State.Operator));
        Assert.Equal(At(4), decision.State.LastVisitorAt);
        Assert.Equal(new Deadline(DeadlineKind.VisitorQuiet, At(14)), decision.State.Deadline);
        Assert.Empty(decision.Effects<QueueMoved>());
    }

    [Fact]
    public void Writing_before_the_operator_has_answered_keeps_the_operators_clock_running()
    {
        var decision = Decide(WithAnna(), Wrote(WithAnna(), "C'è qualcuno?"), 2);

        Assert.Equal(new Deadline(DeadlineKind.OperatorFirstResponseAlert, At(3)), decision.State.Deadline);
    }

    [Fact]
    public void Writing_again_after_going_quiet_brings_the_operator_back_in_charge()
    {
        var decision = Decide(WaitingClient(), Wrote(WaitingClient(), "Eccomi, scusa"), 12);

        Assert.Equal((SessionStatus.WithOperator, Anna), (decision.State.Status, decision.State.Operator));
        Assert.True(decision.Effects<PublishUpdate>().Single().StatusChanged);
        Assert.Equal(new Deadline(DeadlineKind.VisitorQuiet, At(22)), decision.State.Deadline);
    }

    [Fact]
    public void Writing_instead_of_answering_the_closing_question_keeps_the_operator()
    {
        var decision = Decide(Closing(), Wrote(Closing(), "Aspetta, ancora una cosa"), 3);

        Assert.Equal((SessionStatus.WithOperator, Anna), (decision.State.Status, decision.State.Operator));
        Assert.Empty(decision.Effects<ReleaseOperator>());
    }

    [Fact]
    public void Writing_after_the_end_starts_a_new_conversation_in_the_same_session()
    {
        var ended = Ended();

        var decision = Decide(ended, Wrote(ended, PlainQuestion), 40);

        var state = decision.State;
        Assert.Equal(SessionStatus.Bot, state.Status);
        Assert.Null(state.Outcome);
        Assert.Null(state.Operator);
        Assert.Null(state.InQueue);
        Assert.Equal(At(40), state.StartedAt);
        Assert.Equal(0, state.DeadlineStage);
        Assert.Equal([ended.LastSequence + 1, ended.LastSequence + 2], decision.Messages.Select(m => m.Sequence));
        Assert.Equal(new Deadline(DeadlineKind.AssistantIdle, At(70)), state.Deadline);
        Assert.True(decision.Effects<PublishUpdate>().Single().StatusChanged);
        Assert.Empty(decision.Effects<ReleaseOperator>());
    }

    [Fact]
    public void Asking_for_an_operator_after_the_end_starts_a_new_conversation_too()
    {
        var decision = Decide(Ended(), Pressed(VisitorCommand.RequestOperator, Reserved(Bruno)), 40);

        Assert.Equal((SessionStatus.WithOperator, Bruno, (SessionOutcome?)null), (decision.State.Status, decision.State.Operator, decision.State.Outcome));
        Assert.Equal(At(40), decision.State.StartedAt);
    }

    [Fact]
    public void Deciding_twice_on_the_same_input_gives_the_same_decision()
    {
        var state = Fresh();
        var input = Wrote(state, "orari?", "c-3");

        var first = Workflow.Decide(state, input, T0);
        var second = Workflow.Decide(state, input, T0);

        Assert.Equal(first.State, second.State);
        Assert.Equal(
            first.Messages.Select(m => (m.Sequence, m.Sender, m.Text, m.At, string.Join('|', m.Actions))),
            second.Messages.Select(m => (m.Sequence, m.Sender, m.Text, m.At, string.Join('|', m.Actions))));
    }

    [Fact]
    public void Each_visitor_input_counts_towards_the_session_rate_and_one_too_many_is_refused_before_anything_is_asked()
    {
        var state = Fresh();
        for (var i = 0; i < 3; i++)
        {
            state = Workflow.Decide(state, i % 2 == 0 ? Wrote(state, "orari?") : Pressed(VisitorCommand.ContinueAi), T0.AddSeconds(i)).State;
        }

        var refused = Workflow.Decide(state, new VisitorWrote("prezzi?", null), T0);
        Assert.Equal((RejectionKind.TooManyRequests, "too-many-messages", TimeSpan.FromSeconds(60)), (refused.Rejection!.Kind, refused.Rejection.Code, refused.Rejection.RetryAfter));
        Assert.Null(refused.Need);
        Assert.Equal(TimeSpan.FromSeconds(1), Workflow.Decide(state, Pressed(VisitorCommand.ContinueAi), T0.AddSeconds(59)).Rejection!.RetryAfter);
        Assert.Equal(1, Workflow.Decide(state, Wrote(state, "prezzi?"), At(1)).State.MessagesInWindow);
    }

    [Fact]
    public void The_assistant_is_asked_only_while_no_operator_is_involved()
    {
        SessionState[] states = [Bot(), Confirming(), Queued(), WithAnna(), WaitingClient(), Closing(), Ended()];

        var asked = states.Where(s => Workflow.Decide(s, new VisitorWrote("orari?", null), At(20)).Need is NeedsAnswer);

        Assert.Equal([SessionStatus.Bot, SessionStatus.ConfirmingEscalation, SessionStatus.Ended], asked.Select(s => s.Status));
    }
}
