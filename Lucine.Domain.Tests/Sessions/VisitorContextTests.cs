using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>Where the visitor is (kept from the first input, the page following them), their last words for the queue, and the record of an ended conversation.</summary>
[Trait("Category", Layer.Unit)]
public sealed class VisitorContextTests
{
    private static readonly VisitorContext OnTickets = new(
        new VisitorPage("https://www.example.org/biglietti", "Biglietti"), "https://www.google.com/", VisitorDevice.Mobile, "it-IT", "ABCDEF");

    private static readonly VisitorPage Parking = new("https://www.example.org/parcheggio", "Parcheggio");

    [Fact]
    public void The_first_input_keeps_the_context_and_later_ones_do_not_replace_it()
    {
        var first = Decide(Fresh(), Wrote(Fresh(), PlainQuestion) with { Context = OnTickets }, 0);
        var other = OnTickets with { Device = VisitorDevice.Desktop, Visitor = "OTHER" };
        var second = Decide(first.State, Wrote(first.State, "orari?") with { Context = other }, 1);

        Assert.Equal(OnTickets, first.State.Context);
        Assert.Equal(OnTickets, second.State.Context);
    }

    [Fact]
    public void A_button_as_first_input_keeps_the_context_too()
    {
        var decision = Decide(Fresh(), Pressed(VisitorCommand.RequestOperator, AllBusy()) with { Context = OnTickets }, 0);

        Assert.Equal(SessionStatus.Queued, decision.State.Status);
        Assert.Equal(OnTickets, decision.State.Context);
    }

    [Fact]
    public void A_new_page_is_kept_and_told_to_the_operator_in_charge()
    {
        var state = Decide(Fresh(), Wrote(Fresh(), AskForOperator) with { Context = OnTickets }, 0).State;
        state = Decide(state, Pressed(VisitorCommand.RequestOperator, Reserved(Anna)), 0).State;

        var decision = Decide(state, new VisitorNavigated(Parking), 1);

        Assert.Equal(OnTickets with { Page = Parking }, decision.State.Context);
        Assert.Equal(new PageChanged(Parking, "anna"), Assert.Single(decision.Effects));
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void The_same_page_again_or_a_page_after_the_end_changes_nothing()
    {
        var state = Decide(Fresh(), Wrote(Fresh(), PlainQuestion) with { Context = OnTickets }, 0).State;

        Assert.True(Decide(state, new VisitorNavigated(OnTickets.Page!), 1).IsNoChange);
        Assert.True(Decide(Ended(), new VisitorNavigated(Parking), 3).IsNoChange);
    }

    [Fact]
    public void A_page_without_an_earlier_context_starts_one()
    {
        var decision = Decide(Bot(), new VisitorNavigated(Parking), 1);

        Assert.Equal(new VisitorContext(Parking, null, null, null, null), decision.State.Context);
        Assert.Equal(new PageChanged(Parking, null), Assert.Single(decision.Effects));
    }

    [Fact]
    public void Page_updates_count_against_the_visitors_rate()
    {
        var state = Bot();
        for (var i = 0; i < Rate.MaxMessages - 1; i++)
        {
            state = Decide(state, new VisitorNavigated(new VisitorPage($"https://www.example.org/{i}", null)), 0.1).State;
        }

        Assert.Equal(RejectionKind.TooManyRequests, Decide(state, new VisitorNavigated(Parking), 0.2).Rejection?.Kind);
    }

    [Fact]
    public void The_queue_preview_after_a_button_escalation_is_the_last_thing_the_visitor_wrote()
    {
        var state = Decide(Fresh(), Wrote(Fresh(), "Il mio biglietto non arriva via email"), 0).State;
        state = Decide(state, Wrote(state, AskForOperator), 1).State;

        var decision = Decide(state, Pressed(VisitorCommand.RequestOperator, AllBusy()), 2);

        Assert.Equal(SessionStatus.Queued, decision.State.Status);
        Assert.Equal(AskForOperator, Assert.Single(decision.Effects<QueueMoved>()).Preview);
    }

    [Fact]
    public void The_last_words_are_capped_without_splitting_a_character()
    {
        var words = new string('a', SessionState.MaxVisitorWords - 1) + "😀 e altro";

        var decision = Decide(Fresh(), Wrote(Fresh(), words), 0);

        Assert.Equal(new string('a', SessionState.MaxVisitorWords - 1), decision.State.LastVisitorWords);
    }

    [Fact]
    public void The_end_records_the_conversation_with_the_operator_who_was_in_charge()
    {
        var state = Decide(Fresh(), Wrote(Fresh(), AskForOperator) with { Context = OnTickets }, 0).State;
        state = Decide(state, Pressed(VisitorCommand.RequestOperator, Reserved(Anna)), 0).State;

        var decision = Decide(state, new OperatorCloses(Anna, false, SessionOutcome.Resolved), 5);

        Assert.Equal(
            new ConversationEnded(SessionOutcome.Resolved, T0, At(5), Anna, Language.Italian, "ABCDEF"),
            Assert.Single(decision.Effects<ConversationEnded>()));
    }

    [Fact]
    public void A_restarted_conversation_keeps_the_context_and_the_last_words()
    {
        var state = Decide(Fresh(), Wrote(Fresh(), PlainQuestion) with { Context = OnTickets }, 0).State;
        state = Decide(state, Pressed(VisitorCommand.EndChat), 1).State;

        var decision = Decide(state, Pressed(VisitorCommand.RequestOperator, AllBusy()), 2);

        Assert.Equal(OnTickets, decision.State.Context);
        Assert.Equal(PlainQuestion, Assert.Single(decision.Effects<QueueMoved>()).Preview);
    }
}
