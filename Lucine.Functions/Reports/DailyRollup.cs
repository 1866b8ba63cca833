using Lucine.Functions.Decisions;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Reports;

/// <summary>
/// The reports' handler of <see cref="RecordAnalytics"/>, in the background after the raw events are
/// kept (<see cref="AnalyticsRecorder"/>): counts each event once in its day's aggregates.
/// </summary>
public sealed class DailyRollup(ReportStore store) : IEffectHandler<RecordAnalytics>
{
    public Task HandleAsync(IReadOnlyList<Delivery<RecordAnalytics>> effects, CancellationToken cancellationToken) =>
        store.ApplyAsync(AnalyticsRecorder.Records(effects), cancellationToken);
}
