using System.Diagnostics.Metrics;
using Lucine.Functions.Decisions;

namespace Lucine.Functions.Tickets;

/// <summary>
/// Service-level promises about to be broken and broken: the tickets' first response and resolution,
/// and the chats' queue wait and operator's first response. Counted from the committed decision that
/// records the warning or the breach (the same decision that alerts the staff), so once each.
/// </summary>
public sealed class SlaMetrics : IDecisionObserver
{
    public const string MeterName = "Lucine.Tickets";
    public const string WarningsInstrument = "lucine.sla.warnings";
    public const string BreachesInstrument = "lucine.sla.breaches";

    private readonly Counter<long> warnings;
    private readonly Counter<long> breaches;

    public SlaMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        warnings = meter.CreateCounter<long>(WarningsInstrument, description: "SLA warnings, by promise (ticket_first_response, ticket_resolution, queue_wait, operator_first_response)");
        breaches = meter.CreateCounter<long>(BreachesInstrument, description: "SLA breaches, by promise (ticket_first_response, ticket_resolution, queue_wait, operator_first_response)");
    }

    public void Committed<TState>(TState? before, IDecision<TState> decision)
        where TState : class
    {
        foreach (var warning in decision.Events(AnalyticsEventTypes.SlaWarning))
        {
            warnings.Add(1, Promise(warning));
        }

        foreach (var breach in decision.Events(AnalyticsEventTypes.SlaViolation))
        {
            breaches.Add(1, Promise(breach));
        }
    }

    private static KeyValuePair<string, object?> Promise(AnalyticsEvent sla) => new("sla", sla.Data.GetValueOrDefault("sla"));
}
