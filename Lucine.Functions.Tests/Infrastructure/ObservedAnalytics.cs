using System.Collections.Concurrent;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// The real analytics store, watched: a test awaits the event it expects (written to storage first)
/// instead of polling for the background dispatch.
/// </summary>
public sealed class ObservedAnalytics(IAnalyticsStore inner) : IAnalyticsStore
{
    private readonly ConcurrentDictionary<(string Type, string Subject), TaskCompletionSource<AnalyticsEvent>> awaited = new();

    public async Task RecordAsync(IReadOnlyList<AnalyticsRecord> records, CancellationToken cancellationToken)
    {
        await inner.RecordAsync(records, cancellationToken);
        foreach (var record in records)
        {
            Slot(record.Event.Type, record.Event.Subject).TrySetResult(record.Event);
        }
    }

    /// <summary>The first event of this type about this subject (a session id or a ticket number).</summary>
    public Task<AnalyticsEvent> FirstAsync(string type, string subject) =>
        Slot(type, subject).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource<AnalyticsEvent> Slot(string type, string subject) =>
        awaited.GetOrAdd((type, subject), _ => new TaskCompletionSource<AnalyticsEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
}
