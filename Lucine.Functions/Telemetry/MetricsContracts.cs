namespace Lucine.Functions.Telemetry;

/// <summary>What <c>GET /api/metrics</c> answers: every Lucine instrument of this instance, measured since <paramref name="Since"/>.</summary>
public sealed record MetricsResponse(DateTimeOffset At, DateTimeOffset Since, IReadOnlyList<MetricView> Metrics);

/// <param name="Kind">counter, up_down_counter, gauge or histogram.</param>
/// <param name="Points">One per combination of tags measured; none before the first measurement.</param>
public sealed record MetricView(string Name, string Meter, string Kind, string? Unit, string? Description, IReadOnlyList<MetricReading> Points);

/// <summary>
/// A counter's total or a gauge's latest value (<see cref="Value"/>); or a histogram's count, sum and
/// extremes since the start, with the median and 90th percentile of its latest measurements.
/// </summary>
public sealed record MetricReading(IReadOnlyDictionary<string, string?> Tags)
{
    public double? Value { get; init; }

    public long? Count { get; init; }

    public double? Sum { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? P50 { get; init; }

    public double? P90 { get; init; }
}
