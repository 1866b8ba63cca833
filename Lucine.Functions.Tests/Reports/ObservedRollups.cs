using Lucine.Functions.Storage;

namespace Lucine.Functions.Tests.Reports;

/// <summary>
/// The real rollup, watched: a test awaits the event it expects to have been counted, instead of
/// polling the reports while the outbox's background dispatch catches up.
/// </summary>
public sealed class ObservedRollups(IAnalyticsRollup inner) : IAnalyticsRollup
{
    private readonly List<AnalyticsEvent> applied = [];
    private readonly List<(Func<AnalyticsEvent, bool> Wanted, TaskCompletionSource Done)> waiting = [];

    public async Task ApplyAsync(IReadOnlyList<AnalyticsRecord> records, CancellationToken cancellationToken)
    {
        await inner.ApplyAsync(records, cancellationToken);
        lock (applied)
        {
            applied.AddRange(records.Select(r => r.Event));
            foreach (var wait in waiting.Where(w => records.Any(r => w.Wanted(r.Event))).ToList())
            {
                wait.Done.TrySetResult();
                waiting.Remove(wait);
            }
        }
    }

    /// <summary>Once an event of this type about this subject (and, when given, matching <paramref name="also"/>) has been counted.</summary>
    public Task CountedAsync(string type, string subject, Func<AnalyticsEvent, bool>? also = null)
    {
        bool Wanted(AnalyticsEvent e) => e.Type == type && e.Subject == subject && (also is null || also(e));
        lock (applied)
        {
            if (applied.Any(Wanted))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Add((Wanted, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
