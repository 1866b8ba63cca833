namespace Lucine.Domain.Sessions;

/// <summary>"How did we do?": the visitor's rating of a conversation that has ended.</summary>
public sealed partial class SessionWorkflow
{
    /// <summary>
    /// Only a conversation that has ended can be rated, and only one that ended with an operator in
    /// charge, or with the assistant alone when the visitor ended it (the assistant solved it); not one
    /// that became a ticket (the ticket is rated when it is resolved), was cancelled in the queue or
    /// timed out with the assistant. The same rating again changes nothing; a different one replaces it,
    /// and the reports move its count (<c>previous_score</c>). A change counts against the visitor's rate.
    /// </summary>
    private Rejection? VisitorRates(Turn turn, VisitorRates rates)
    {
        var state = turn.State;
        var rejection = SatisfactionRules.Rate(state.Rating, RatableOf(state), rates.Rating, turn.Now, out var rating, out var recorded);
        if (rejection is not null || rating is null)
        {
            return rejection;
        }

        turn.State = rate.Count(state, turn.Now) with { Rating = rating };
        turn.Record(AnalyticsEventTypes.SatisfactionRated, recorded);
        return null;
    }

    /// <summary>What the visitor may rate now: the conversation that ended, if it is one that is rated.</summary>
    public static Ratable? RatableOf(SessionState state) => state.IsEnded ? state.Ratable : null;

    private static Ratable? RatableEnd(SessionState state, SessionOutcome outcome, string endedBy, DateTimeOffset now)
    {
        var language = state.Language ?? Domain.Language.Italian;
        return state.Operator is { } person ? new Ratable(RatingKind.Operator, person.Username, language, now)
            : endedBy == "visitor" && outcome == SessionOutcome.Resolved ? new Ratable(RatingKind.Assistant, null, language, now)
            : null;
    }
}
