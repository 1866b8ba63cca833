namespace Lucine.Domain.Reports;

/// <summary>
/// Durations in seconds counted in fixed buckets, so that a day's distribution is a few numbers that
/// add up across days and operators. A percentile is interpolated linearly inside the bucket it falls
/// in (as if the bucket's values were spread evenly between its bounds); in the last, open bucket it is
/// that bucket's lower bound, the one figure known about those values.
/// </summary>
public sealed class Histogram
{
    /// <summary>
    /// The lower bounds of the buckets, in seconds: bucket i holds [Bounds[i], Bounds[i + 1]), the last
    /// one everything from 24 hours on. Never change them: stored days would mean something else.
    /// </summary>
    public static readonly IReadOnlyList<double> Bounds =
    [
        0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600,
        5400, 7200, 10800, 14400, 21600, 28800, 43200, 86400,
    ];

    private readonly long[] counts;

    public Histogram()
        : this(new long[Bounds.Count])
    {
    }

    private Histogram(long[] counts) => this.counts = counts;

    /// <summary>How many values each bucket holds, in the order of <see cref="Bounds"/>.</summary>
    public IReadOnlyList<long> Counts => counts;

    public long Total() => counts.Sum();

    /// <summary>A histogram as stored; counts of a shorter or longer list go to the buckets they name, the rest are zero.</summary>
    public static Histogram Of(IReadOnlyList<long>? counts)
    {
        var histogram = new Histogram();
        for (var i = 0; counts is not null && i < Math.Min(counts.Count, Bounds.Count); i++)
        {
            histogram.counts[i] = counts[i];
        }

        return histogram;
    }

    public static int BucketOf(double seconds)
    {
        var value = Math.Max(0, seconds);
        var bucket = 0;
        while (bucket + 1 < Bounds.Count && value >= Bounds[bucket + 1])
        {
            bucket++;
        }

        return bucket;
    }

    public void Add(double seconds) => counts[BucketOf(seconds)]++;

    public void Merge(Histogram other)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }
    }

    /// <summary>The value below which <paramref name="percent"/> % of the values fall; null when there are none.</summary>
    public double? Percentile(double percent)
    {
        var total = Total();
        if (total <= 0)
        {
            return null;
        }

        var rank = Math.Clamp(percent, 0, 100) / 100 * total;
        long below = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var inBucket = counts[i];
            if (inBucket <= 0 || below + inBucket < rank)
            {
                below += Math.Max(0, inBucket);
                continue;
            }

            if (i == counts.Length - 1)
            {
                return Bounds[i];
            }

            var fraction = (rank - below) / inBucket;
            return Bounds[i] + (fraction * (Bounds[i + 1] - Bounds[i]));
        }

        return Bounds[^1];
    }
}
