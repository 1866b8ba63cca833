namespace Lucine.Bench;
internal static class PushBenchmark { public static Task<int> RunAsync(BenchOptions options) => Task.FromResult(1); }
