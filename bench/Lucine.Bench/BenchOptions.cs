namespace Lucine.Bench;

/// <summary>The "--name value" options of a benchmark.</summary>
internal sealed class BenchOptions(string[] args)
{
    public bool Has(string name) => Array.IndexOf(args, name) >= 0;

    public int Get(string name, int fallback)
    {
        var position = Array.IndexOf(args, name);
        return position >= 0 && position + 1 < args.Length && int.TryParse(args[position + 1], out var value) ? value : fallback;
    }
}

internal static class Percentiles
{
    /// <summary>The nearest-rank percentile of values sorted in ascending order.</summary>
    public static double Of(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
