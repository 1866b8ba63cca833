using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Lucine.Functions.Telemetry;

/// <summary>
/// What this instance's Lucine meters measured since it started, kept in process for <c>GET /api/metrics</c>
/// whatever exporter runs (or none): counters' totals, gauges' values when asked, histograms' count, sum,
/// extremes and percentiles of their last <see cref="Window"/> measurements. Only the app's own meters
/// (made by its <see cref="IMeterFactory"/>) are listened to, so several apps in one process keep apart.
/// </summary>
public sealed class InstanceMetrics : IDisposable
{
    /// <summary>How many of a histogram's latest measurements its percentiles are taken from.</summary>
    public const int Window = 1000;

    private const string MeterPrefix = "Lucine.";

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, Instrumented> instruments = new();
    private readonly TimeProvider clock;
    private readonly DateTimeOffset since;
    private readonly Lock observing = new();

    public InstanceMetrics(IMeterFactory meters, TimeProvider clock)
    {
        this.clock = clock;
        since = clock.GetUtcNow();
        listener.InstrumentPublished = (instrument, self) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal))
            {
                instruments[instrument] = new Instrumented(instrument);
                self.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measured(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Measured(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measured(instrument, value, tags));
        listener.Start();
    }

    public MetricsResponse Snapshot()
    {
        lock (observing)
        {
            // Observable instruments say what they see now; one that sees nothing now has no value.
            foreach (var observed in instruments.Values.Where(i => i.IsObservable))
            {
                observed.Clear();
            }

            listener.RecordObservableInstruments();
        }

        return new MetricsResponse(clock.GetUtcNow(), since, [.. instruments.Values.Select(i => i.View()).OrderBy(v => v.Name, StringComparer.Ordinal)]);
    }

    public void Dispose() => listener.Dispose();

    private void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instruments.TryGetValue(instrument, out var instrumented))
        {
            instrumented.Add(value, tags);
        }
    }

    private static class Kinds
    {
        public const string Counter = "counter";
        public const string UpDownCounter = "up_down_counter";
        public const string Gauge = "gauge";
        public const string Histogram = "histogram";

        /// <summary>An observable counter reports its running total: kept, like a gauge, as its latest value.</summary>
        public static (string Kind, bool Sums) Of(Instrument instrument) => instrument.GetType().GetGenericTypeDefinition() switch
        {
            var type when type == typeof(Counter<>) => (Counter, true),
            var type when type == typeof(UpDownCounter<>) => (UpDownCounter, true),
            var type when type == typeof(ObservableCounter<>) => (Counter, false),
            var type when type == typeof(ObservableUpDownCounter<>) => (UpDownCounter, false),
            var type when type == typeof(Histogram<>) => (Histogram, false),
            _ => (Gauge, false),
        };
    }

    /// <summary>One instrument's series, one per combination of tags.</summary>
    private sealed class Instrumented(Instrument instrument)
    {
        private readonly (string Kind, bool Sums) kind = Kinds.Of(instrument);
        private readonly ConcurrentDictionary<string, Series> series = new(StringComparer.Ordinal);

        public bool IsObservable => instrument.IsObservable;

        public void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var pairs = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                pairs[tag.Key] = tag.Value?.ToString();
            }

            var key = string.Join('\n', pairs.Select(p => p.Key + "=" + p.Value));
            series.GetOrAdd(key, _ => new Series(pairs)).Add(value, kind.Kind == Kinds.Histogram, kind.Sums);
        }

        public void Clear() => series.Clear();

        public MetricView View() => new(
            instrument.Name,
            instrument.Meter.Name,
            kind.Kind,
            instrument.Unit,
            instrument.Description,
            [.. series.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.Point(kind.Kind == Kinds.Histogram))]);
    }

    private sealed class Series(IReadOnlyDictionary<string, string?> tags)
    {
        private readonly Lock gate = new();
        private readonly Queue<double> latest = new();
        private double value;
        private long count;
        private double sum;
        private double min = double.MaxValue;
        private double max = double.MinValue;

        public void Add(double measured, bool histogram, bool sums)
        {
            lock (gate)
            {
                if (!histogram)
                {
                    value = sums ? value + measured : measured;
                    return;
                }

                count++;
                sum += measured;
                min = Math.Min(min, measured);
                max = Math.Max(max, measured);
                latest.Enqueue(measured);
                if (latest.Count > Window)
                {
                    latest.Dequeue();
                }
            }
        }

        public MetricReading Point(bool histogram)
        {
            lock (gate)
            {
                if (!histogram)
                {
                    return new MetricReading(tags) { Value = value };
                }

                var sorted = latest.Order().ToArray();
                return new MetricReading(tags) { Count = count, Sum = sum, Min = min, Max = max, P50 = Percentile(sorted, 0.5), P90 = Percentile(sorted, 0.9) };
            }
        }

        /// <summary>Nearest rank.</summary>
        private static double Percentile(double[] sorted, double rank) => sorted[Math.Max(0, (int)Math.Ceiling(rank * sorted.Length) - 1)];
    }
}
