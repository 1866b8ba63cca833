using Lucine.Functions.Decisions;

namespace Lucine.Functions.Storage;

/// <summary>What is kept up to date from the reports' events as they are recorded (the daily aggregates). Applying the same record twice must count it once.</summary>
public interface IAnalyticsRollup
{
    Task ApplyAsync(IReadOnlyList<AnalyticsRecord> records, CancellationToken cancellationToken);
}

/// <summary>
/// Records the reports' events, a dispatch's worth in one write, then rolls them up; an event's outbox
/// key keeps a retried one from counting twice. The raw events are written first: they are what a
/// rebuild of the aggregates replays, so nothing is counted that is not kept.
/// </summary>
public sealed class AnalyticsRecorder(IAnalyticsStore analytics, IEnumerable<IAnalyticsRollup> rollups) : IEffectHandler<RecordAnalytics>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<RecordAnalytics>> effects, CancellationToken cancellationToken)
    {
        var records = effects.Select(e => new AnalyticsRecord($"{e.Subject}-{e.Key}", e.Effect.Event)).DistinctBy(r => r.Key).ToList();
        await analytics.RecordAsync(records, cancellationToken);
        foreach (var rollup in rollups)
        {
            await rollup.ApplyAsync(records, cancellationToken);
        }
    }
}
