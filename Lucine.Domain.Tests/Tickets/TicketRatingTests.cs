using Lucine.Domain.Tests.Sessions;

namespace Lucine.Domain.Tests.Tickets;

/// <summary>"How did we do?" after a ticket: the link in the resolution message, and the rating of a resolved ticket.</summary>
[Trait("Category", Layer.Unit)]
public sealed class TicketRatingTests
{
    private static readonly TicketWorkflow Workflow = new(Scenario.Knowledge, Scenario.Tickets);
    private static readonly TicketNumber Number = new(2025, 8);
    private const string RatingUrl = "https://lucine.example/widget/rating.html?ticket=LUC-2025-000008&access=code";

    private static DateTimeOffset At(double minutes) => Scenario.T0.AddMinutes(minutes);

    private static TicketState Opened() => Workflow.Open(new TicketDraft(Number, new CustomerContact("Maria", ContactChannel.Email, "maria@example.com"),
        Language.English, TicketPriority.Medium, TicketSource.Api, "Lost tickets", "…", null, 0), new TicketLinks("code", null), Scenario.T0).State;

    private static TicketDecision Resolve(TicketState state, double minutes) =>
        Workflow.Decide(state, new TicketStatusSet("giulia", TicketStatus.Resolved) { RatingUrl = RatingUrl }, At(minutes));

    private static TicketDecision Rate(TicketState state, int score, double minutes, string? comment = null) =>
        Workflow.Decide(state, new CustomerRates(new RatingGiven(score, comment)), At(minutes));

    [Fact]
    public void The_resolution_message_links_the_rating_page()
    {
        var notification = Assert.Single(Resolve(Opened(), 30).Effects.OfType<NotifyCustomer>()).Notification;

        Assert.Contains("How did we do?", notification.Text);
        Assert.Contains(RatingUrl, notification.Text);
        Assert.Equal(RatingUrl, notification.Fields["link"]);
    }

    [Fact]
    public void A_resolved_ticket_is_rated_for_the_operator_who_resolved_it()
    {
        var decision = Rate(Resolve(Opened(), 30).State, 5, 40, "Fast, thanks");

        Assert.Equal(new SatisfactionRating(5, "Fast, thanks", At(40), RatingKind.Ticket), decision.State.Rating);
        var rated = decision.Effects.OfType<RecordAnalytics>().Single().Event;
        Assert.Equal((AnalyticsEventTypes.SatisfactionRated, Number.ToString()), (rated.Type, rated.Subject));
        Assert.Equal(("5", "", "ticket", "giulia", "en", "2025-12-13T18:30:00.0000000Z"),
            (rated.Data["score"], rated.Data["previous_score"], rated.Data["kind"], rated.Data["operator"], rated.Data["language"], rated.Data["ended_at"]));
        Assert.Single(decision.Effects.OfType<TicketChanged>());
    }

    [Fact]
    public void The_same_rating_twice_changes_nothing_and_a_change_tells_the_previous_score()
    {
        var rated = Rate(Resolve(Opened(), 30).State, 3, 40).State;

        Assert.True(Rate(rated, 3, 41).IsNoChange);
        var changed = Rate(rated, 4, 42);
        Assert.Equal("3", changed.Effects.OfType<RecordAnalytics>().Single().Event.Data["previous_score"]);
    }

    [Fact]
    public void An_open_ticket_is_not_rated_and_a_resolved_one_only_for_24_hours()
    {
        Assert.Equal("rating-not-available", Rate(Opened(), 4, 10).Rejection!.Code);
        var resolved = Resolve(Opened(), 30).State;
        Assert.Null(Rate(resolved, 4, 30 + (24 * 60)).Rejection);
        Assert.Equal("rating-closed", Rate(resolved, 4, 31 + (24 * 60)).Rejection!.Code);
    }

    [Fact]
    public void A_reopened_ticket_forgets_the_rating_of_its_earlier_resolution()
    {
        var rated = Rate(Resolve(Opened(), 30).State, 2, 40).State;

        var reopened = Workflow.Decide(rated, new TicketStatusSet("giulia", TicketStatus.InProgress), At(50)).State;

        Assert.Equal((null, null, null), (reopened.Rating, reopened.ResolvedAt, reopened.ResolvedBy));
        Assert.Equal("rating-not-available", Rate(reopened, 4, 60).Rejection!.Code);
    }
}
