using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>
/// What the workflow asks the host for before it decides (an answer, a ticket number, routing, an
/// operator's slot), and how it decides once told: asking changes nothing, and a slot that could not be
/// reserved is a refusal the operator can read.
/// </summary>
[Trait("Category", Layer.Unit)]
public sealed class SessionNeedsTests
{
    [Fact]
    public void A_question_to_the_assistant_asks_for_its_answer_in_the_language_of_the_conversation()
    {
        var english = Decide(Fresh(), Wrote(Fresh(), "How much are the tickets?"), 0).State;

        var decision = Workflow.Decide(english, new VisitorWrote("and parking?", null), At(1));

        Assert.Equal(new NeedsAnswer("and parking?", Language.English), decision.Need);
        Assert.Equal((english, 0, 0), (decision.State, decision.Messages.Count, decision.Effects.Count));
    }

    [Fact]
    public void A_manual_take_asks_for_a_slot_of_the_operators_capacity_even_when_away()
    {
        var decision = Decide(Queued(), new OperatorTakes(Bruno, ByRouting: false), 1);

        Assert.Equal(new NeedsSlot("bruno", RequireOnline: false), decision.Need);
        Assert.True(decision.IsNoChange);
    }

    [Theory]
    [InlineData(Reservation.AtCapacity, "operator-at-capacity")]
    [InlineData(Reservation.NotTakingChats, "chat-not-waiting")]
    [InlineData(Reservation.AlreadyHeld, "chat-not-waiting")]
    public void A_take_without_a_reserved_slot_is_refused_and_the_chat_stays_queued(Reservation result, string code)
    {
        var decision = Decide(Queued(), new OperatorTakes(Bruno, ByRouting: false, new OperatorSlot(result, null)), 1);

        Assert.Equal((RejectionKind.Conflict, code), (decision.Rejection!.Kind, decision.Rejection.Code));
        Assert.Equal(SessionStatus.Queued, decision.State.Status);
    }

    [Fact]
    public void A_transfer_asks_for_a_slot_of_an_online_target_only_after_checking_who_may_transfer()
    {
        Assert.Equal(new NeedsSlot("bruno", RequireOnline: true), Decide(AnnaAnswered(), new OperatorTransfers(Anna, false, "bruno"), 4).Need);
        Assert.Equal("not-your-chat", Decide(AnnaAnswered(), new OperatorTransfers(Bruno, false, "carla"), 4).Rejection!.Code);
        Assert.Equal("same-operator", Decide(AnnaAnswered(), new OperatorTransfers(Anna, false, "anna"), 4).Rejection!.Code);
    }

    [Theory]
    [InlineData(Reservation.Unknown, RejectionKind.NotFound, "operator-not-found")]
    [InlineData(Reservation.NotTakingChats, RejectionKind.Conflict, "operator-unavailable")]
    [InlineData(Reservation.AtCapacity, RejectionKind.Conflict, "operator-unavailable")]
    public void A_transfer_to_someone_who_cannot_take_it_is_refused_and_the_chat_stays(Reservation result, RejectionKind kind, string code)
    {
        var decision = Decide(AnnaAnswered(), new OperatorTransfers(Anna, false, "zeno", new OperatorSlot(result, null)), 4);

        Assert.Equal((kind, code), (decision.Rejection!.Kind, decision.Rejection.Code));
        Assert.Contains("zeno", decision.Rejection.Detail);
        Assert.Equal(Anna, decision.State.Operator);
    }

    [Fact]
    public void What_the_workflow_does_not_need_is_ignored()
    {
        var withOperator = AnnaAnswered();

        var decision = Decide(withOperator, Wrote(withOperator, "ci sono ancora"), 2);

        Assert.Null(decision.Need);
        Assert.Equal([MessageSender.Visitor], decision.Messages.Select(m => m.Sender));
    }
}
