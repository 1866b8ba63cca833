using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Lucine.Functions.Decisions;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// Listens to the counters of one app instance (meters from its own <see cref="IMeterFactory"/>), so
/// that a test can read what the app did (storage round trips) or wait for something it does in the
/// background (outbox delivery) without sleeping.
/// </summary>
public sealed class MeterWatcher : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Scope), long> totals = new();
    private readonly List<(string Instrument, long AtLeast, TaskCompletionSource Reached)> waiters = [];

    public MeterWatcher(IMeterFactory meters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? scope = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "scope")
                {
                    scope = tag.Value as string;
                }
            }

            totals.AddOrUpdate((instrument.Name, scope), value, (_, total) => total + value);
            lock (waiters)
            {
                foreach (var waiter in waiters.Where(w => w.Instrument == instrument.Name && Total(w.Instrument) >= w.AtLeast))
                {
                    waiter.Reached.TrySetResult();
                }
            }
        });
        listener.Start();
    }

    public long Total(string instrument, string? scope = null) =>
        totals.Where(t => t.Key.Instrument == instrument && (scope is null || t.Key.Scope == scope)).Sum(t => t.Value);

    /// <summary>Completes when the instrument's total reaches <paramref name="atLeast"/>.</summary>
    public Task WhenTotalAsync(string instrument, long atLeast)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            if (Total(instrument) >= atLeast)
            {
                return Task.CompletedTask;
            }

            waiters.Add((instrument, atLeast, reached));
        }

        return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Completes when every outbox effect taken so far has been delivered.</summary>
    public Task WhenOutboxDeliveredAsync() =>
        WhenTotalAsync(OutboxDispatcher.DeliveredInstrument, Total(OutboxDispatcher.ReceivedInstrument));

    public void Dispose() => listener.Dispose();
}
