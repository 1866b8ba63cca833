using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>The operators' side of the workflow: take, write, transfer, release, ask to close, close.</summary>
[Trait("Category", Layer.Unit)]
public sealed class OperatorActionTests
{
    [Fact]
    public void Taking_a_queued_chat_puts_the_operator_in_charge_and_takes_it_out_of_the_queue()
    {
        var decision = Decide(Queued(), Takes(Bruno, ByRouting: false), 4);

        var state = decision.State;
        Assert.Equal((SessionStatus.WithOperator, Bruno, (QueueEntry?)null), (state.Status, state.Operator, state.InQueue));
        Assert.Equal(At(4), state.OperatorSince);
        Assert.False(state.OperatorHasAnswered);
        Assert.Equal("Bruno dello staff è ora in chat con te.", Assert.Single(decision.Messages).Text);
        Assert.Null(Assert.Single(decision.Effects<QueueMoved>()).Entry);
        var update = Assert.Single(decision.Effects<PublishUpdate>());
        Assert.Equal((SessionStatus.WithOperator, true, Bruno, true), (update.Status, update.StatusChanged, update.Operator, update.NewOperator));
        var took = decision.Effects<RecordAnalytics>().Single().Event;
        Assert.Equal((AnalyticsEventTypes.OperatorTookChat, "bruno", "240"), (took.Type, took.Data["operator"], took.Data["waited_seconds"]));
        Assert.Equal(new Deadline(DeadlineKind.OperatorFirstResponseAlert, At(7)), state.Deadline);
    }

    [Fact]
    public void A_chat_given_by_routing_is_recorded_as_an_assignment()
    {
        var decision = Decide(Queued(), Takes(Bruno, ByRouting: true), 1);

        Assert.Equal([AnalyticsEventTypes.QueueAssignmentCompleted], decision.AnalyticsTypes());
    }

    [Theory]
    [InlineData(SessionStatus.Bot)]
    [InlineData(SessionStatus.WithOperator)]
    [InlineData(SessionStatus.Ended)]
    public void Taking_a_chat_that_is_not_waiting_is_a_conflict(SessionStatus status)
    {
        var state = status switch
        {
            SessionStatus.Bot => Bot(),
            SessionStatus.WithOperator => WithAnna(),
            _ => Ended(),
        };

        var decision = Decide(state, Takes(Bruno, ByRouting: false), 1);

        Assert.Equal((RejectionKind.Conflict, "chat-not-waiting"), (decision.Rejection!.Kind, decision.Rejection.Code));
        Assert.Same(state, decision.State);
        Assert.True(decision.IsNoChange);
    }

    [Fact]
    public void The_loser_of_a_race_to_take_a_chat_is_told_who_won()
    {
        var decision = Decide(WithAnna(), Takes(Bruno, ByRouting: false), 0);

        Assert.Contains("Anna", decision.Rejection!.Detail);
    }

    [Fact]
    public void The_operators_first_message_is_signed_and_stops_the_first_response_clock()
    {
        var decision = Decide(WithAnna(), new OperatorWrites(Anna, false, "Ciao, sono Anna!", "op-1"), 2);

        var line = Assert.Single(decision.Messages);
        Assert.Equal((MessageSender.Operator, "Ciao, sono Anna!", "Anna", "op-1"), (line.Sender, line.Text, line.Author, line.ClientMessageId));
        Assert.True(decision.State.OperatorHasAnswered);
        var sent = decision.Effects<RecordAnalytics>().Single().Event;
        Assert.Equal((AnalyticsEventTypes.OperatorMessageSent, "120"), (sent.Type, sent.Data["first_response_seconds"]));

        // From now on the wait is the visitor's, counted from their last input (the button, at T0).
        Assert.Equal(new Deadline(DeadlineKind.VisitorQuiet, At(10)), decision.State.Deadline);
        var update = decision.Effects<PublishUpdate>().Single();
        Assert.False(update.StatusChanged);
        Assert.False(update.NewOperator);
    }

    [Fact]
    public void Only_the_first_message_of_an_operator_is_measured()
    {
        var decision = Decide(AnnaAnswered(), Writes(Anna, "Altro?"), 3);

        Assert.Empty(decision.Effects<RecordAnalytics>());
        Assert.Single(decision.Messages);
    }

    [Theory]
    [InlineData(SessionStatus.WaitingClient)]
    [InlineData(SessionStatus.Closing)]
    public void The_operator_can_keep_writing_while_waiting_for_the_visitor(SessionStatus status)
    {
        var state = status == SessionStatus.Closing ? Closing() : WaitingClient();

        var decision = Decide(state, Writes(Anna, "Ci sei?"), 12);

        Assert.Equal(status, decision.State.Status);
        Assert.Equal(MessageSender.Operator, Assert.Single(decision.Messages).Sender);
    }

    [Fact]
    public void An_operator_not_in_charge_cannot_write_in_the_chat()
    {
        var state = WithAnna();

        var decision = Decide(state, Writes(Bruno), 1);

        Assert.Equal((RejectionKind.Forbidden, "not-your-chat"), (decision.Rejection!.Kind, decision.Rejection.Code));
        Assert.Same(state, decision.State);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void A_supervisor_can_write_in_anyones_chat_under_their_own_name()
    {
        var decision = Decide(WithAnna(), Writes(Carla, "Sono la responsabile, ti aiuto io.", supervising: true), 1);

        Assert.Null(decision.Rejection);
        Assert.Equal("Carla", Assert.Single(decision.Messages).Author);

        // The chat stays Anna's: a supervisor stepping in does not take it over.
        Assert.Equal(Anna, decision.State.Operator);
    }

    [Theory]
    [InlineData(SessionStatus.Bot)]
    [InlineData(SessionStatus.Queued)]
    public void Nobody_can_write_as_operator_in_a_chat_without_one(SessionStatus status)
    {
        var state = status == SessionStatus.Bot ? Bot() : Queued();

        var decision = Decide(state, Writes(Carla, supervising: true), 1);

        Assert.Equal((RejectionKind.Conflict, "chat-not-with-operator"), (decision.Rejection!.Kind, decision.Rejection.Code));
        Assert.Same(state, decision.State);
    }

    [Fact]
    public void Operators_cannot_act_on_an_ended_chat()
    {
        var state = Ended();

        var decision = Decide(state, Writes(Anna), 3);

        Assert.Equal((RejectionKind.Conflict, "chat-ended"), (decision.Rejection!.Kind, decision.Rejection.Code));
        Assert.Same(state, decision.State);
    }

    [Fact]
    public void Transferring_hands_the_chat_over_and_gives_the_first_operator_their_capacity_back()
    {
        var decision = Decide(AnnaAnswered(), Transfers(Anna, false, Bruno), 4);

        var state = decision.State;
        Assert.Equal((SessionStatus.WithOperator, Bruno, At(4), false), (state.Status, state.Operator, state.OperatorSince, state.OperatorHasAnswered));
        Assert.Equal("Ti passo a Bruno dello staff, che continuerà ad aiutarti.", Assert.Single(decision.Messages).Text);
        Assert.Equal("anna", Assert.Single(decision.Effects<ReleaseOperator>()).Username);
        var update = Assert.Single(decision.Effects<PublishUpdate>());
        Assert.Equal((Bruno, Anna, false, true), (update.Operator, update.PreviousOperator, update.StatusChanged, update.NewOperator));

        // Bruno's own first-response clock starts now.
        Assert.Equal(new Deadline(DeadlineKind.OperatorFirstResponseAlert, At(7)), state.Deadline);
    }

    [Fact]
    public void A_supervisor_can_transfer_someone_elses_chat()
    {
        var decision = Decide(AnnaAnswered(), Transfers(Carla, true, Bruno), 4);

        Assert.Equal(Bruno, decision.State.Operator);
        Assert.Equal("anna", Assert.Single(decision.Effects<ReleaseOperator>()).Username);
    }

    [Fact]
    public void Transferring_a_chat_to_its_own_operator_is_a_conflict()
    {
        var decision = Decide(AnnaAnswered(), Transfers(Carla, true, Anna), 4);

        Assert.Equal("same-operator", decision.Rejection!.Code);
    }

    [Fact]
    public void Transferring_a_chat_waiting_for_the_visitor_makes_it_active_again()
    {
        var decision = Decide(WaitingClient(), Transfers(Anna, false, Bruno), 12);

        Assert.Equal((SessionStatus.WithOperator, Bruno), (decision.State.Status, decision.State.Operator));
        Assert.Equal(new Deadline(DeadlineKind.OperatorFirstResponseAlert, At(15)), decision.State.Deadline);
    }

    [Fact]
    public void Transferring_after_the_first_response_alert_gives_the_new_operator_their_own_alert()
    {
        // Anna was alerted at minute 3 and hands the chat over at minute 4 without having written.
        var alerted = Decide(WithAnna(), new DeadlineReached(), 3).State;

        var decision = Decide(alerted, Transfers(Anna, false, Bruno), 4);

        // Bruno must be reminded at 4 + 3 before the chat is taken from him at 4 + 5.
        Assert.Equal(new Deadline(DeadlineKind.OperatorFirstResponseAlert, At(7)), decision.State.Deadline);
    }

    [Fact]
    public void Releasing_puts_the_chat_back_in_the_queue_ahead_of_the_others()
    {
        var decision = Decide(AnnaAnswered(), new OperatorReleases(Anna, false), 4);

        var state = decision.State;
        Assert.Equal((SessionStatus.Queued, (OperatorRef?)null), (state.Status, state.Operator));
        Assert.Equal(new QueueEntry(Id, QueuePriority.High, At(4)), state.InQueue);
        Assert.Equal(Text(TemplateKeys.QueueRequeued), Assert.Single(decision.Messages).Text);
        Assert.Equal(state.InQueue, Assert.Single(decision.Effects<QueueMoved>()).Entry);
        Assert.Equal("anna", Assert.Single(decision.Effects<ReleaseOperator>()).Username);
        Assert.Equal(Anna, decision.Effects<PublishUpdate>().Single().PreviousOperator);
        Assert.Equal(new Deadline(DeadlineKind.QueueTicketOffer, At(9)), state.Deadline);
    }

    [Fact]
    public void Another_operator_cannot_release_the_chat()
    {
        var decision = Decide(AnnaAnswered(), new OperatorReleases(Bruno, false), 4);

        Assert.Equal(RejectionKind.Forbidden, decision.Rejection!.Kind);
    }

    [Fact]
    public void Asking_to_close_asks_the_visitor_to_confirm_with_two_buttons()
    {
        var decision = Decide(AnnaAnswered(), new OperatorAsksToClose(Anna, false), 2);

        Assert.Equal((SessionStatus.Closing, Anna), (decision.State.Status, decision.State.Operator));
        var question = Assert.Single(decision.Messages);
        Assert.Equal((MessageSender.System, Text(TemplateKeys.CloseRequest)), (question.Sender, question.Text));
        Assert.Equal(
            [("end_chat", "Tutto risolto, grazie"), ("continue_chat", "Ho ancora bisogno di aiuto")],
            question.Actions.Select(a => (a.Action, a.Label)));
        Assert.Equal(new Deadline(DeadlineKind.CloseUnanswered, At(7)), decision.State.Deadline);
        Assert.Empty(decision.Effects<ReleaseOperator>());
    }

    [Fact]
    public void Asking_to_close_twice_is_a_conflict()
    {
        var decision = Decide(Closing(), new OperatorAsksToClose(Anna, false), 3);

        Assert.Equal("already-closing", decision.Rejection!.Code);
    }

    [Theory]
    [InlineData(SessionOutcome.Resolved, "resolved")]
    [InlineData(SessionOutcome.NotResolved, "not_resolved")]
    [InlineData(SessionOutcome.Abandoned, "abandoned")]
    public void Closing_with_an_outcome_ends_the_chat_and_frees_the_operator(SessionOutcome outcome, string wire)
    {
        var decision = Decide(AnnaAnswered(), new OperatorCloses(Anna, false, outcome), 2);

        var state = decision.State;
        Assert.Equal((SessionStatus.Ended, outcome, (OperatorRef?)null), (state.Status, state.Outcome, state.Operator));
        Assert.Null(state.Deadline);
        Assert.Equal(Text(TemplateKeys.ChatClosed), Assert.Single(decision.Messages).Text);
        Assert.Equal("anna", Assert.Single(decision.Effects<ReleaseOperator>()).Username);
        var closed = decision.Effects<RecordAnalytics>().Single(r => r.Event.Type == AnalyticsEventTypes.OperatorClosedChat).Event;
        Assert.Equal(wire, closed.Data["outcome"]);
        Assert.Contains(AnalyticsEventTypes.ChatEnded, decision.AnalyticsTypes());
    }

    [Fact]
    public void Only_the_contact_collection_turns_a_chat_into_a_ticket()
    {
        var decision = Decide(AnnaAnswered(), new OperatorCloses(Anna, false, SessionOutcome.ConvertedToTicket), 2);

        Assert.Equal("invalid-outcome", decision.Rejection!.Code);
    }

    [Fact]
    public void A_supervisor_can_close_a_chat_that_is_still_in_the_queue()
    {
        var decision = Decide(Queued(), new OperatorCloses(Carla, true, SessionOutcome.NotResolved), 2);

        Assert.Equal((SessionStatus.Ended, SessionOutcome.NotResolved), (decision.State.Status, decision.State.Outcome));
        Assert.Null(Assert.Single(decision.Effects<QueueMoved>()).Entry);
        Assert.Empty(decision.Effects<ReleaseOperator>());
    }
}
