using Lucine.Functions.Decisions;
using Lucine.Functions.Reports;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tests.Reports;

/// <summary>
/// The real rollup, watched: a test awaits the event it expects to have been counted, instead of
/// polling the reports while the outbox's background dispatch catches up.
/// </summary>
public sealed class ObservedRollups(DailyRollup inner) : IEffectHandler<RecordAnalytics>
{
    private readonly List<AnalyticsEvent> applied = [];
    private readonly List<(Func<AnalyticsEvent, bool> Wanted, TaskCompletionSource Done)> waiting = [];

    /// <summary>Takes the place of the app's <see cref="DailyRollup"/> among the handlers of <see cref="RecordAnalytics"/>, in its turn.</summary>
    public static void Register(IServiceCollection services)
    {
        var rollup = services.Single(d => d.ServiceType == typeof(IEffectHandler<RecordAnalytics>) && d.ImplementationType == typeof(DailyRollup));
        services.AddSingleton(provider => new ObservedRollups(new DailyRollup(provider.GetRequiredService<ReportStore>())));
        services[services.IndexOf(rollup)] = ServiceDescriptor.Singleton<IEffectHandler<RecordAnalytics>>(provider => provider.GetRequiredService<ObservedRollups>());
    }

    public async Task HandleAsync(IReadOnlyList<Delivery<RecordAnalytics>> effects, CancellationToken cancellationToken)
    {
        await inner.HandleAsync(effects, cancellationToken);
        lock (applied)
        {
            var records = AnalyticsRecorder.Records(effects);
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
