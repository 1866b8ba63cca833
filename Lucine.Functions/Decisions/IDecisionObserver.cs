namespace Lucine.Functions.Decisions;

/// <summary>
/// Told of each decision once its commit succeeded, with the state it was decided on (null for a new
/// aggregate). What a committed decision says happened exactly once, however often its effects are
/// delivered, so the features count their facts here rather than in effect handlers. Observers run in
/// the committing request and must not fail or wait.
/// </summary>
public interface IDecisionObserver
{
    void Committed<TState>(TState? before, IDecision<TState> decision)
        where TState : class;
}

public static class DecisionEvents
{
    /// <summary>The report events of <paramref name="type"/> a decision records: the facts it stands for, named as the reports name them.</summary>
    public static IEnumerable<AnalyticsEvent> Events<TState>(this IDecision<TState> decision, string type) =>
        decision.Effects.OfType<RecordAnalytics>().Select(r => r.Event).Where(e => e.Type == type);
}
