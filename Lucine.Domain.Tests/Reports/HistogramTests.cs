using Lucine.Domain.Reports;

namespace Lucine.Domain.Tests.Reports;

[Trait("Category", Layer.Unit)]
public sealed class HistogramTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4.9, 0)]
    [InlineData(5, 1)]
    [InlineData(59, 6)]
    [InlineData(60, 7)]
    [InlineData(-3, 0)]
    [InlineData(86400, 27)]
    [InlineData(1_000_000, 27)]
    public void A_value_falls_in_the_bucket_whose_lower_bound_it_reaches(double seconds, int bucket) =>
        Assert.Equal(bucket, Histogram.BucketOf(seconds));

    [Fact]
    public void No_values_have_no_percentile() => Assert.Null(new Histogram().Percentile(50));

    [Fact]
    public void A_percentile_is_interpolated_inside_its_bucket()
    {
        var histogram = new Histogram();

        // Four values in [60, 90): the median is halfway through the bucket, the 90th near its end.
        foreach (var seconds in new[] { 61.0, 70, 80, 89 })
        {
            histogram.Add(seconds);
        }

        Assert.Equal(75, histogram.Percentile(50));
        Assert.Equal(87, histogram.Percentile(90)!.Value, 6);
        Assert.Equal(60, histogram.Percentile(0));
        Assert.Equal(90, histogram.Percentile(100));
    }

    [Fact]
    public void Percentiles_follow_the_buckets_values_fall_in()
    {
        var histogram = new Histogram();
        for (var i = 0; i < 9; i++)
        {
            histogram.Add(10);
        }

        histogram.Add(1000);

        // 9 values in [10, 15), one in [900, 1200): p50 inside the first bucket, p90 at its end, p95 in the other.
        Assert.Equal(10 + (5 * 5 / 9.0), histogram.Percentile(50)!.Value, 6);
        Assert.Equal(15, histogram.Percentile(90)!.Value, 6);
        Assert.Equal(1050, histogram.Percentile(95)!.Value, 6);
    }

    [Fact]
    public void In_the_open_last_bucket_the_percentile_is_its_lower_bound()
    {
        var histogram = new Histogram();
        histogram.Add(200_000);

        Assert.Equal(86400, histogram.Percentile(50));
    }

    [Fact]
    public void Merged_days_equal_one_histogram_of_all_their_values()
    {
        var monday = new Histogram();
        var tuesday = new Histogram();
        var both = new Histogram();
        foreach (var (seconds, i) in new[] { 3.0, 33, 130, 700, 4000, 12 }.Select((s, i) => (s, i)))
        {
            (i % 2 == 0 ? monday : tuesday).Add(seconds);
            both.Add(seconds);
        }

        monday.Merge(tuesday);

        Assert.Equal(both.Counts, monday.Counts);
        Assert.Equal(both.Percentile(50), monday.Percentile(50));
    }

}
