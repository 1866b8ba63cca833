using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>"How did we do?" after a chat: which conversations are rated, the rules of a rating, and what the reports are told.</summary>
[Trait("Category", Layer.Unit)]
public sealed class RatingTests
{
    private static VisitorRates Rates(int score, string? comment = null) => new(new RatingGiven(score, comment));

    /// <summary>The visitor ended a chat with the assistant alone at minute 1.</summary>
    private static SessionState EndedWithAssistant() => Decide(Bot(), Pressed(VisitorCommand.EndChat), 1).State;

    [Fact]
    public void A_chat_an_operator_closed_is_rated_once_with_the_event_of_the_reports()
    {
        var decision = Decide(Ended(), Rates(4, "  Gentilissima Anna  "), 10);

        Assert.Equal(new SatisfactionRating(4, "Gentilissima Anna", At(10), RatingKind.Operator), decision.State.Rating);
        Assert.Empty(decision.Messages);
        var rated = Assert.Single(decision.Effects<RecordAnalytics>()).Event;
        Assert.Equal((AnalyticsEventTypes.SatisfactionRated, Id.Value, At(10)), (rated.Type, rated.Subject, rated.At));
        Assert.Equal(new Dictionary<string, string>
        {
            ["score"] = "4",
            ["previous_score"] = "",
            ["kind"] = "operator",
            ["operator"] = "anna",
            ["language"] = "it",
            ["ended_at"] = "2025-12-13T18:02:00.0000000Z",
        }, rated.Data);
    }

    [Fact]
    public void The_same_rating_again_changes_nothing_and_records_nothing()
    {
        var rated = Decide(Ended(), Rates(4, "Bene"), 10).State;

        var again = Decide(rated, Rates(4, " Bene "), 11);

        Assert.True(again.IsNoChange);
        Assert.Null(again.Rejection);
        Assert.Empty(again.Effects);
        Assert.Equal(rated, again.State);
    }

    [Fact]
    public void A_change_within_the_window_replaces_the_rating_and_tells_the_previous_score()
    {
        var rated = Decide(Ended(), Rates(2, "Lento"), 10).State;

        var changed = Decide(rated, Rates(5), 60 * 23);

        Assert.Equal(new SatisfactionRating(5, null, At(60 * 23), RatingKind.Operator), changed.State.Rating);
        var data = Assert.Single(changed.Effects<RecordAnalytics>()).Event.Data;
        Assert.Equal(("5", "2", "2025-12-13T18:02:00.0000000Z"), (data["score"], data["previous_score"], data["ended_at"]));
    }

    [Fact]
    public void After_24_hours_from_the_end_a_rating_is_refused()
    {
        var ended = Ended();

        Assert.Null(Decide(ended, Rates(3), 2 + (24 * 60)).Rejection);
        var late = Decide(ended, Rates(3), 2 + (24 * 60) + 1);

        Assert.Equal((RejectionKind.Conflict, "rating-closed"), (late.Rejection!.Kind, late.Rejection.Code));
        Assert.Same(ended, late.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void A_score_outside_one_to_five_is_invalid(int score)
    {
        var decision = Decide(Ended(), Rates(score), 3);

        Assert.Equal((RejectionKind.Invalid, "invalid-score"), (decision.Rejection!.Kind, decision.Rejection.Code));
    }

    [Fact]
    public void A_comment_is_at_most_500_characters_after_trimming_and_plain_text()
    {
        Assert.Null(Decide(Ended(), Rates(5, "  " + new string('a', 500) + "  "), 3).Rejection);
        Assert.Equal("comment-too-long", Decide(Ended(), Rates(5, new string('a', 501)), 3).Rejection!.Code);
        Assert.Equal("invalid-characters", Decide(Ended(), Rates(5, "ciao\u0007"), 3).Rejection!.Code);
        Assert.Null(Decide(Ended(), Rates(5, "   "), 3).State.Rating!.Comment);
    }

    [Fact]
    public void A_chat_the_assistant_alone_solved_and_the_visitor_ended_is_rated_as_the_assistants()
    {
        var decision = Decide(EndedWithAssistant(), Rates(5), 2);

        Assert.Equal(RatingKind.Assistant, decision.State.Rating!.Kind);
        var data = Assert.Single(decision.Effects<RecordAnalytics>()).Event.Data;
        Assert.Equal(("assistant", ""), (data["kind"], data["operator"]));
    }

    [Fact]
    public void A_live_chat_a_cancelled_wait_and_a_chat_that_became_a_ticket_are_not_rated()
    {
        var cancelled = Decide(Queued(), Pressed(VisitorCommand.EndChat), 1).State;
        var timedOut = Decide(Bot(), new DeadlineReached(), 31).State;

        foreach (var state in new[] { Bot(), WithAnna(), Closing(), cancelled, timedOut })
        {
            var decision = Decide(state, Rates(4), 40);
            Assert.Equal((RejectionKind.Conflict, "rating-not-available"), (decision.Rejection!.Kind, decision.Rejection.Code));
            Assert.True(decision.IsNoChange);
        }
    }

    [Fact]
    public void A_new_conversation_in_the_session_starts_without_the_old_rating()
    {
        var rated = Decide(Ended(), Rates(4), 3).State;

        var again = Decide(rated, Wrote(rated, PlainQuestion), 4).State;

        Assert.Equal((SessionStatus.Bot, (SatisfactionRating?)null, (Ratable?)null), (again.Status, again.Rating, again.Ratable));
        Assert.Equal("rating-not-available", Decide(again, Rates(4), 5).Rejection!.Code);
    }
}
