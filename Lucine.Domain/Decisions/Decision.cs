namespace Lucine.Domain.Decisions;

/// <summary>
/// What a workflow's Decide came to, whatever the aggregate: the new state with the effects to carry
/// out after the commit; or a refusal that changes nothing; or something the workflow must know from
/// the outside world (an answer, a number, an operator's slot) before it can decide, which the host
/// finds out and gives back with the input.
/// </summary>
public interface IDecision<out TState>
{
    TState State { get; }

    IReadOnlyList<Effect> Effects { get; }

    Rejection? Rejection { get; }

    Need? Need { get; }

    /// <summary>Nothing to write: refused, waiting for a need, or nothing happened.</summary>
    bool IsNoChange { get; }
}

/// <summary>Something a workflow must know before it decides; the host fulfils it and the workflow decides again.</summary>
public abstract record Need;

/// <summary>Something to carry out after a decision is committed, from its outbox.</summary>
public abstract record Effect;

/// <summary>An event for the reports (chats, escalations, answer quality, timeouts, tickets).</summary>
public sealed record RecordAnalytics(AnalyticsEvent Event) : Effect;

/// <summary>An event for the reports; <paramref name="Subject"/> is the session id or the ticket number it is about.</summary>
public sealed record AnalyticsEvent(string Type, string Subject, DateTimeOffset At, IReadOnlyDictionary<string, string> Data);
