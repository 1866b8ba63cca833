using Lucine.Functions.Decisions;

namespace Lucine.Functions.Storage;

/// <summary>Records the reports' events, a dispatch's worth in one write; an event's outbox key keeps a retried one from counting twice.</summary>
public sealed class AnalyticsRecorder(IAnalyticsStore analytics) : IEffectHandler<RecordAnalytics>
{
    public Task HandleAsync(IReadOnlyList<Delivery<RecordAnalytics>> effects, CancellationToken cancellationToken) =>
        analytics.RecordAsync(effects.Select(e => new AnalyticsRecord($"{e.Subject}-{e.Key}", e.Effect.Event)).DistinctBy(r => r.Key).ToList(), cancellationToken);
}
