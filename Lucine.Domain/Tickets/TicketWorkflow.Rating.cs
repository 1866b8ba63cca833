namespace Lucine.Domain.Tickets;

/// <summary>"How did we do?": the customer's rating of a resolved ticket, from the link in the message that said so.</summary>
public sealed partial class TicketWorkflow
{
    /// <summary>What the customer may rate now: the resolution, while the ticket is resolved (or closed after it).</summary>
    public static Ratable? RatableOf(TicketState state) =>
        state.ResolvedAt is { } resolvedAt && state.Status is TicketStatus.Resolved or TicketStatus.Closed
            ? new Ratable(RatingKind.Ticket, state.ResolvedBy, state.Language, resolvedAt)
            : null;

    /// <summary>
    /// Only a resolved ticket (resolved, or closed after it was resolved) is rated, within the window after
    /// its resolution; it counts for the operator who resolved it. The same rating again changes nothing.
    /// </summary>
    private static Rejection? CustomerRates(Turn turn, CustomerRates rates)
    {
        var state = turn.State;
        var rejection = SatisfactionRules.Rate(state.Rating, RatableOf(state), rates.Rating, turn.Now, out var rating, out var recorded);
        if (rejection is not null || rating is null)
        {
            return rejection;
        }

        turn.State = state with { Rating = rating };
        turn.Record(AnalyticsEventTypes.SatisfactionRated, recorded);
        return null;
    }
}
