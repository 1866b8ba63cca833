using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Lucine.Functions.Decisions;
using Lucine.Functions.Storage;
using Lucine.Functions.Tests.Ai;
using Lucine.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lucine.Bench.Chat;

/// <summary>
/// Visitors chatting with the assistant, against the limit storage sets: at each concurrency the raw
/// storage pattern of a chat message runs first (same Azurite, no app), then Lucine (the load in a
/// process of its own, so that the bytes the server allocates are counted alone); then an open-loop run
/// where visitors write at their own pace and the latency is what they wait.
/// </summary>
internal static class ChatBenchmark
{
    private const int WarmUp = 600;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        int[] levels = options.Has("--sessions") ? [options.Get("--sessions", 50)] : [10, 50, 100];
        var requests = options.Get("--requests", 2000);
        var openSessions = options.Get("--open-sessions", 100);
        var openSeconds = options.Get("--open-seconds", 60);
        var openInterval = options.Get("--open-interval-ms", 5000);
        if (levels.Any(sessions => sessions < 1 || requests < sessions) || openSessions < 1 || openSeconds * 1000 < openInterval)
        {
            Console.Error.WriteLine("--sessions must be at least 1 and --requests at least --sessions; --open-seconds must last at least one --open-interval-ms.");
            return 2;
        }

        await using var azurite = await AzuriteServer.StartAsync();

        // With --model the assistant asks a language model (a local stand-in, in this process, that answers
        // at once), so the figures show what the model path itself costs: prompt, HTTP call, reply check, history read.
        await using var model = options.Has("--model") ? await FakeModelService.StartAsync() : null;
        model?.Default = ModelResponse.Reply("Ecco cosa so.", intent: "other");
        var raw = new RawChatPattern(azurite);
        Console.WriteLine($"Lucine chat benchmark: POST /api/chat with {(model is null ? "the local answerer" : "a language model stand-in answering at once")}; " +
                          $"Azurite + Kestrel on loopback, the load in its own process, {Environment.ProcessorCount} cores.");
        Console.WriteLine("sessions  raw msg/s  Lucine msg/s  ratio  Lucine p50 / p99 ms  raw KiB/msg  server KiB/msg  round trips/msg  CPU ms/msg: server load storage (raw storage)");

        // Every run starts on tables of its own, as the raw pattern does: Azurite scans a table to query
        // it, so a table grown by earlier runs would slow later ones (Table Storage does not). Each warms
        // up first, so that a new host's own code is compiled and tiered before it is measured.
        foreach (var sessions in levels)
        {
            var (rawResult, rawBytes, rawStorage) = await raw.RunAsync(sessions, requests, WarmUp);
            await using var host = await StartLucineAsync(azurite, model);
            await MeasureAsync(host, azurite, sessions, ["closed", WarmUp.ToString(CultureInfo.InvariantCulture)]);
            var (lucine, serverBytes, roundTrips, cpu) = await MeasureAsync(host, azurite, sessions, ["closed", requests.ToString(CultureInfo.InvariantCulture)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sessions,-8}  {rawResult.Rate,9:F0}  {lucine.Rate,12:F0}  {lucine.Rate / rawResult.Rate,5:F2}  {Percentile(lucine, 0.50),8:F1} / {Percentile(lucine, 0.99),6:F1}  " +
                $"{rawBytes / 1024.0 / requests,11:F0}  {serverBytes / 1024.0 / requests,14:F0}  {roundTrips / (double)requests,15:F2}  {cpu} ({rawStorage.TotalMilliseconds / requests:F2})"));
        }

        var args = new[] { "open", openSeconds.ToString(CultureInfo.InvariantCulture), openInterval.ToString(CultureInfo.InvariantCulture) };
        await using var openHost = await StartLucineAsync(azurite, model);
        await MeasureAsync(openHost, azurite, openSessions, ["closed", WarmUp.ToString(CultureInfo.InvariantCulture)]);
        var (open, openBytes, _, _) = await MeasureAsync(openHost, azurite, openSessions, args);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"open loop: {openSessions} visitors, one message each every {openInterval} ms for {openSeconds} s ({open.Messages} messages, {open.Rate:F0} msg/s): " +
            $"p50 {Percentile(open, 0.50):F1} ms, p99 {Percentile(open, 0.99):F1} ms, max {open.Latencies[^1]:F1} ms; server {openBytes / 1024.0 / open.Messages:F0} KiB/msg"));
        return 0;
    }

    /// <summary>
    /// One load run against the host: its result, the bytes the server allocated per run (the load is in
    /// another process), the storage round trips on the request path, and where the CPU went per message.
    /// </summary>
    private static async Task<(LoadResult Result, long ServerBytes, long RoundTrips, string Cpu)> MeasureAsync(
        LucineHost host, AzuriteServer azurite, int sessions, string[] mode)
    {
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var requestPath = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.VisitorRequest);
        var (serverCpu, storageCpu) = (Environment.CpuUsage.TotalTime, azurite.ProcessorTime);
        var (result, bytes) = await Allocating(async () =>
        {
            var load = await RunLoadProcessAsync(host.BaseAddress, sessions, mode);

            // The server's work for the messages is done when the outbox has delivered all they committed
            // (the report events go in the background).
            await meters.WhenOutboxDeliveredAsync();
            return load;
        });

        // Each visitor's first message (opening the session) is outside the measured messages.
        var roundTrips = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.VisitorRequest) - requestPath - 2L * sessions;
        double PerMessage(TimeSpan cpu) => cpu.TotalMilliseconds / (result.Messages + sessions);
        var cpu = string.Create(CultureInfo.InvariantCulture,
            $"{PerMessage(Environment.CpuUsage.TotalTime - serverCpu),6:F2} {result.LoadCpuSeconds * 1000 / result.Messages,4:F2} {PerMessage(azurite.ProcessorTime - storageCpu),7:F2}");
        return (result, bytes, roundTrips, cpu);
    }

    private static Task<LucineHost> StartLucineAsync(AzuriteServer azurite, FakeModelService? model) => LucineHost.StartAsync(azurite.ConnectionString, settings =>
    {
        // Benchmark sessions send far more than a visitor may per minute.
        settings["Chat:MessagesPerMinute"] = "100000";

        // The figures are the output: the start-up notice that notifications go to the local sink is not one.
        settings["Logging:LogLevel:Default"] = "Error";
        if (model is not null)
        {
            settings["Ai:ApiKey"] = "sk-bench";
            settings["Ai:Endpoint"] = new Uri(model.BaseAddress, "/v1").ToString();
        }
    });

    private static async Task<LoadResult> RunLoadProcessAsync(Uri server, int sessions, string[] mode)
    {
        var self = Environment.ProcessPath!;
        string[] prefix = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(ChatBenchmark).Assembly.Location] : [];
        using var process = Process.Start(new ProcessStartInfo(self, [.. prefix, "load", server.ToString(), sessions.ToString(CultureInfo.InvariantCulture), .. mode])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? JsonSerializer.Deserialize<LoadResult>(await output)!
            : throw new InvalidOperationException($"The load process failed ({process.ExitCode}): {await errors}");
    }

    private static async Task<(T Result, long Bytes)> Allocating<T>(Func<Task<T>> run)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await run();
        return (result, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static double Percentile(LoadResult result, double p) => Percentiles.Of(result.Latencies, p);
}
