using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>An operator in charge with no connection for the presence grace period (<see cref="OperatorLost"/>).</summary>
[Trait("Category", Layer.Unit)]
public sealed class OperatorLostTests
{
    [Fact]
    public void A_chat_not_answered_yet_asks_for_someone_else_at_once()
    {
        var decision = Decide(WithAnna(), new OperatorLost(Anna), 1);

        Assert.Equal(new NeedsRouting(Except: "anna"), decision.Need);
        Assert.True(decision.IsNoChange);
    }

    [Fact]
    public void A_chat_not_answered_yet_goes_to_the_reserved_colleague_without_counting_as_a_late_answer()
    {
        var decision = Decide(WithAnna(), new OperatorLost(Anna, Reserved(Bruno)), 1);

        var state = decision.State;
        Assert.Equal((SessionStatus.WithOperator, Bruno, At(1), false), (state.Status, state.Operator, state.OperatorSince, state.OperatorHasAnswered));
        Assert.Equal("anna", Assert.Single(decision.Effects<ReleaseOperator>()).Username);
        Assert.DoesNotContain(AnalyticsEventTypes.SlaViolation, decision.AnalyticsTypes());
    }

    [Fact]
    public void A_chat_not_answered_yet_with_nobody_free_goes_back_to_the_queue_first()
    {
        var decision = Decide(WithAnna(), new OperatorLost(Anna, AllBusy()), 1);

        Assert.Equal((SessionStatus.Queued, QueuePriority.High), (decision.State.Status, decision.State.InQueue!.Priority));
        Assert.Null(decision.State.Operator);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_chat_being_answered_waits_for_the_operator_as_long_as_the_first_response_rule_allows(bool visitorWentQuiet)
    {
        var before = visitorWentQuiet ? WaitingClient() : AnnaAnswered();

        var decision = Decide(before, new OperatorLost(Anna), 12);

        var state = decision.State;
        Assert.Equal((SessionStatus.WithOperator, Anna, At(12), false), (state.Status, state.Operator, state.OperatorSince, state.OperatorHasAnswered));
        Assert.Equal(new Deadline(DeadlineKind.OperatorFirstResponseAlert, At(15)), state.Deadline);
        Assert.Empty(decision.Messages);
        Assert.Equal([AnalyticsEventTypes.OperatorLost], decision.AnalyticsTypes());

        // Not back by then: the rule hands the chat on, as for any operator who does not answer.
        var alerted = Decide(state, new DeadlineReached(), 15).State;
        var handedOn = Decide(alerted, new DeadlineReached(Reserved(Bruno)), 17);
        Assert.Equal(Bruno, handedOn.State.Operator);
    }

    [Fact]
    public void An_operator_back_in_time_answers_and_keeps_the_chat()
    {
        var waiting = Decide(AnnaAnswered(), new OperatorLost(Anna), 12).State;

        var decision = Decide(waiting, Writes(Anna, "Eccomi, scusa l'attesa"), 14);

        Assert.Equal((Anna, true), (decision.State.Operator, decision.State.OperatorHasAnswered));
    }

    [Fact]
    public void A_chat_waiting_for_the_visitor_to_confirm_the_close_is_left_as_it_is()
    {
        var closing = Closing();

        var decision = Decide(closing, new OperatorLost(Anna), 3);

        Assert.True(decision.IsNoChange);
        Assert.Equal(closing, decision.State);
    }

    [Fact]
    public void A_chat_that_is_not_theirs_any_more_refuses()
    {
        var decision = Decide(WithAnna(), new OperatorLost(Bruno), 1);

        Assert.Equal("not-your-chat", decision.Rejection!.Code);
    }
}
