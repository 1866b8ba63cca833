using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Azure.Data.Tables;
using Lucine.Functions.Privacy;
using Lucine.Functions.Storage;
using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Lucine.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lucine.Bench;

/// <summary>
/// One retention run as the data grows: at each size, that many ended conversations, --due of them 31
/// days before the run (through the API: a question with its page, then "end chat"), the others 10
/// days later, so that only the first ones' places (30 days) are due. The others are written straight
/// to the tables as their end leaves them (an ended session's state row, its two retention entries),
/// which is all a retention run could ever read of them, and fast to make by the ten thousand. The
/// run's storage requests are counted by the request meter; the raw baseline is what finding the same
/// conversations costs without the due index: a scan of every session's state for those ended before
/// the cut-off.
/// </summary>
internal static class RetentionBenchmark
{
    private static readonly DateTimeOffset Start = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);
    private const string Baseline = "baseline";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var due = options.Get("--due", 10);
        var sizes = options.Has("--sessions") ? [options.Get("--sessions", 1000)] : new[] { 1000, 5000, 20000 };
        if (due < 0 || sizes.Any(size => size < due))
        {
            Console.Error.WriteLine("--due must be at least 0 and --sessions at least --due.");
            return 2;
        }

        await using var azurite = await AzuriteServer.StartAsync();
        Console.WriteLine($"Lucine retention benchmark: one ApplyRetention run with {due} conversations due, among {string.Join(", ", sizes)} ended ones; Azurite + Kestrel on loopback, {Environment.ProcessorCount} cores.");
        Console.WriteLine("  sessions | run: requests  forgotten  ms | raw baseline: requests  states scanned  ms");
        foreach (var size in sizes)
        {
            await LevelAsync(azurite.ConnectionString, size, due);
        }

        return 0;
    }

    /// <summary>Conversations ended at <paramref name="endedAt"/>, as their end leaves them in storage, in parallel batches.</summary>
    private static async Task WaitingAsync(LucineTables tables, RetentionSchedule schedule, int count, DateTimeOffset endedAt)
    {
        var ids = Enumerable.Range(0, count).Select(_ => SessionId.FromBytes(Guid.NewGuid().ToByteArray()).Value).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, token) =>
            await tables.Sessions.UpsertEntityAsync(
                new TableEntity(id, "_state") { ["Status"] = "ended", ["StartedAt"] = endedAt, ["LastActivityAt"] = endedAt, ["LastSequence"] = 2L }, TableUpdateMode.Replace, token));
        var entries = new[] { (schedule.Contexts, TimeSpan.FromDays(30)), (schedule.Sessions, TimeSpan.FromDays(365)) }
            .SelectMany(kind => ids.Select(id => (Index: kind.Item1, Id: id, Due: endedAt + kind.Item2)));
        await Parallel.ForEachAsync(entries.Chunk(LucineTables.MaxBatchOperations), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, token) =>
        {
            foreach (var entry in chunk)
            {
                await entry.Index.AddAsync(entry.Id, entry.Due, token);
            }
        });
    }

    private static async Task LevelAsync(string storage, int sessions, int due)
    {
        var clock = new ManualClock(Start);
        await using var host = await LucineHost.StartAsync(storage, clock: clock);
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = host.BaseAddress };

        async Task EndAsync(int count) =>
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            {
                var opened = await http.PostAsJsonAsync("/api/chat", new { message = "ciao", context = new { pageUrl = "https://lucinedinatale.it/biglietti", device = "mobile" } });
                var chat = (await opened.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ChatResponse>(Wire.Json))!;
                using var end = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
                {
                    Content = JsonContent.Create(new { action = "end_chat", sessionId = chat.SessionId, clientMessageId = Guid.NewGuid().ToString() }),
                };
                end.Headers.Add("X-Session-Token", chat.SessionToken);
                (await http.SendAsync(end)).EnsureSuccessStatusCode();
            });

        await EndAsync(due);
        await WaitingAsync(host.Services.GetRequiredService<LucineTables>(), host.Services.GetRequiredService<RetentionSchedule>(), sessions - due, Start + TimeSpan.FromDays(10));
        clock.Set(Start + TimeSpan.FromDays(31));

        var run = host.Services.GetRequiredService<RetentionRun>();
        var before = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Retention);
        var timing = Stopwatch.StartNew();
        var result = await run.RunOnceAsync(CancellationToken.None);
        timing.Stop();
        var requests = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Retention) - before;

        // Without the due index: every session's state is read to find the conversations ended before the cut-off.
        var tables = host.Services.GetRequiredService<LucineTables>();
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(30);
        var scanning = Stopwatch.StartNew();
        var scanned = 0;
        var found = 0;
        using (StorageScope.Enter(Baseline))
        {
            await foreach (var row in tables.Sessions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"_state"}"), select: ["LastActivityAt", "Status"]))
            {
                scanned++;
                found += row.GetDateTimeOffset("LastActivityAt") < cutoff && row.GetString("Status") == "ended" ? 1 : 0;
            }
        }

        scanning.Stop();
        var raw = meters.Total(StorageRequestMeter.InstrumentName, Baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {sessions,8} | {requests,13}  {result.Places.Fired,9}  {timing.Elapsed.TotalMilliseconds,5:F0} | {raw,22}  {scanned,14}  {scanning.Elapsed.TotalMilliseconds,5:F0}   (baseline found {found})"));
    }
}
