using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Lucine.Functions.Decisions;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// Listens to the instruments of one app instance (meters from its own <see cref="IMeterFactory"/>), so
/// that a test can read what the app did (storage round trips, chats, fallbacks, a queue wait) or wait
/// for something it does in the background (outbox delivery) without sleeping.
/// </summary>
public sealed class MeterWatcher : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Scope), long> totals = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)> measurements = new();
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
            Keep(instrument, value, tags);
            lock (waiters)
            {
                foreach (var waiter in waiters.Where(w => w.Instrument == instrument.Name && Total(w.Instrument) >= w.AtLeast))
                {
                    waiter.Reached.TrySetResult();
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        listener.Start();
    }

    public long Total(string instrument, string? scope = null) =>
        totals.Where(t => t.Key.Instrument == instrument && (scope is null || t.Key.Scope == scope)).Sum(t => t.Value);

    /// <summary>The values measured by <paramref name="instrument"/> with (at least) these tags, in order: a counter's increments, a histogram's records.</summary>
    public IReadOnlyList<double> Values(string instrument, params (string Key, string Value)[] tags) =>
        [.. measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var value) && value == t.Value)).Select(m => m.Value)];

    /// <summary>What a counter counted with (at least) these tags.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) => Values(instrument, tags).Sum();

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

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var kept = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            kept[tag.Key] = tag.Value?.ToString();
        }

        measurements.Enqueue((instrument.Name, value, kept));
    }
}
