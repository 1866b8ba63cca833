using System.Globalization;
using Xunit.Abstractions;

namespace Lucine.Functions.Tests.Drills;

/// <summary>The drills share one Azurite of their own and run one after the other, so that their figures are theirs.</summary>
[CollectionDefinition(Name)]
public sealed class DrillCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "drills";
}

/// <summary>
/// A drill's figures, one per line: printed to the test's output and written to
/// <c>artifacts/drills/{name}.txt</c> under the test output, where docs/drills.md and SECURITY.md take them from.
/// They are written before the drill's assertions, so a failing run leaves its figures too.
/// </summary>
public sealed class DrillReport(string name, ITestOutputHelper output)
{
    private readonly List<string> lines = [];

    public void Add(string figure, FormattableString value) => lines.Add($"{figure}: {value.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The spread of some latencies: p50, p99 and max in milliseconds, and how many.</summary>
    public static FormattableString Spread(IReadOnlyCollection<TimeSpan> latencies)
    {
        if (latencies.Count == 0)
        {
            return $"none";
        }

        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToList();
        double At(double quantile) => sorted[(int)Math.Ceiling(quantile * sorted.Count) - 1];
        return $"p50 {At(0.50):F0} ms, p99 {At(0.99):F0} ms, max {sorted[^1]:F0} ms (n = {sorted.Count})";
    }

    public async Task WriteAsync()
    {
        var text = $"{name}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores\n{string.Join('\n', lines)}\n";
        output.WriteLine(text);
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "drills");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".txt"), text);
    }
}
