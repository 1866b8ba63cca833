using System.Diagnostics.Metrics;
using Lucine.Functions.Telemetry;

namespace Lucine.Functions.Tests.Telemetry;

/// <summary>How <c>GET /api/metrics</c> sums up what the app's meters measured, on meters of the test's own.</summary>
[Trait("Category", Layer.Unit)]
public sealed class InstanceMetricsTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => services.GetRequiredService<IMeterFactory>();

    public void Dispose() => services.Dispose();

    [Fact]
    public void Counters_are_totals_per_tags_histograms_have_percentiles_and_gauges_say_what_they_see_now()
    {
        using var metrics = new InstanceMetrics(Meters, new ManualClock(DateTimeOffset.UnixEpoch));
        var meter = Meters.Create("Lucine.Test");
        var counted = meter.CreateCounter<long>("lucine.test.counted");
        var timed = meter.CreateHistogram<double>("lucine.test.timed", unit: "s");
        int? seen = null;
        meter.CreateObservableGauge("lucine.test.seen", () => seen is { } value ? [new Measurement<int>(value)] : Array.Empty<Measurement<int>>());

        counted.Add(2, new KeyValuePair<string, object?>("kind", "a"));
        counted.Add(3, new KeyValuePair<string, object?>("kind", "a"));
        counted.Add(1, new KeyValuePair<string, object?>("kind", "b"));
        foreach (var seconds in Enumerable.Range(1, 100))
        {
            timed.Record(seconds);
        }

        seen = 7;
        var first = metrics.Snapshot();
        seen = null;
        var later = metrics.Snapshot();

        Assert.Equal([("a", 5.0), ("b", 1.0)], Metric(first, "lucine.test.counted").Points.Select(p => (p.Tags["kind"], p.Value!.Value)));
        var histogram = Assert.Single(Metric(first, "lucine.test.timed").Points);
        Assert.Equal((100L, 5050.0, 1.0, 100.0, 50.0, 90.0), (histogram.Count, histogram.Sum, histogram.Min, histogram.Max, histogram.P50, histogram.P90));
        Assert.Equal(("histogram", "s"), (Metric(first, "lucine.test.timed").Kind, Metric(first, "lucine.test.timed").Unit));
        Assert.Equal(7, Assert.Single(Metric(first, "lucine.test.seen").Points).Value);
        Assert.Empty(Metric(later, "lucine.test.seen").Points);
    }

    [Fact]
    public void Percentiles_come_from_the_latest_measurements_and_other_meters_are_left_out()
    {
        using var metrics = new InstanceMetrics(Meters, new ManualClock(DateTimeOffset.UnixEpoch));
        var timed = Meters.Create("Lucine.Test").CreateHistogram<double>("lucine.test.timed");
        using var elsewhere = new Meter("Lucine.Elsewhere");
        elsewhere.CreateCounter<long>("lucine.elsewhere.counted").Add(1);
        Meters.Create("System.Test").CreateCounter<long>("system.test.counted").Add(1);

        foreach (var value in Enumerable.Repeat(1000.0, InstanceMetrics.Window).Concat(Enumerable.Repeat(1.0, InstanceMetrics.Window)))
        {
            timed.Record(value);
        }

        var snapshot = metrics.Snapshot();
        var histogram = Assert.Single(Metric(snapshot, "lucine.test.timed").Points);
        Assert.Equal((2L * InstanceMetrics.Window, 1.0, 1000.0, 1.0, 1.0), (histogram.Count, histogram.Min, histogram.Max, histogram.P50, histogram.P90));
        Assert.Equal(["lucine.test.timed"], snapshot.Metrics.Select(m => m.Name));
    }

    private static MetricView Metric(MetricsResponse snapshot, string name) => Assert.Single(snapshot.Metrics, m => m.Name == name);
}
