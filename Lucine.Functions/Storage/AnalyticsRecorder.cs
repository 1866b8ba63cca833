using Lucine.Functions.Decisions;

namespace Lucine.Functions.Storage;

/// <summary>
/// Records the reports' events, a dispatch's worth in one write; an event's outbox key keeps a retried
/// one from being kept twice. It is the first handler of <see cref="RecordAnalytics"/>: the raw events
/// are what a rebuild of the aggregates replays, and the rollup registered after it runs only once they
/// are kept.
/// </summary>
public sealed class AnalyticsRecorder(IAnalyticsStore analytics) : IEffectHandler<RecordAnalytics>
{
    public Task HandleAsync(IReadOnlyList<Delivery<RecordAnalytics>> effects, CancellationToken cancellationToken) =>
        analytics.RecordAsync(Records(effects), cancellationToken);

    /// <summary>The events of a dispatch, each once, keyed by where it came from (the aggregate and its outbox key).</summary>
    public static IReadOnlyList<AnalyticsRecord> Records(IReadOnlyList<Delivery<RecordAnalytics>> effects) =>
        effects.Select(e => new AnalyticsRecord(e.EventKey, e.Effect.Event)).DistinctBy(r => r.Key).ToList();
}
