using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Lucine.Functions.Tests.Ai;
using Lucine.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lucine.Bench;

/// <summary>Visitors chatting with the assistant: throughput, latency and storage round trips of POST /api/chat.</summary>
internal static class ChatBenchmark
{
    private static readonly string[] Questions =
    [
        "Quanto costano i biglietti?", "a che ora aprite?", "dove posso parcheggiare?", "posso portare il cane?",
        "How much are the tickets?", "is it wheelchair accessible", "siete aperti il 24 dicembre?", "c'è la navetta?",
        "bisogna prenotare?", "what if it rains", "posso portare un drone?", "quanto dura la visita?",
    ];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var sessions = options.Get("--sessions", 50);
        var requests = options.Get("--requests", 2000);
        if (sessions < 1 || requests < sessions)
        {
            Console.Error.WriteLine("--sessions must be at least 1 and --requests at least --sessions.");
            return 2;
        }

        await using var azurite = await AzuriteServer.StartAsync();

        // With --model the assistant asks a language model (a local stand-in that answers at once), so
        // the figures show what the model path itself costs: prompt, HTTP call, reply check, history read.
        await using var model = options.Has("--model") ? await FakeModelService.StartAsync() : null;
        model?.Default = ModelResponse.Reply("Ecco cosa so.", intent: "other");
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, settings =>
        {
            // Benchmark sessions send far more than a visitor may per minute.
            settings["Chat:MessagesPerMinute"] = "1000";
            if (model is not null)
            {
                settings["Ai:ApiKey"] = "sk-bench";
                settings["Ai:Endpoint"] = new Uri(model.BaseAddress, "/v1").ToString();
            }
        });
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = sessions }) { BaseAddress = host.BaseAddress };

        var answerer = model is null ? "the local answerer" : "a language model stand-in answering at once";
        Console.WriteLine($"Lucine chat benchmark: {sessions} concurrent sessions, {requests} POST /api/chat with {answerer}, Azurite + Kestrel on loopback, {Environment.ProcessorCount} cores.");

        // Warm up the JIT and the connection pool outside the measurement.
        for (var i = 0; i < 20; i++)
        {
            (await http.PostAsJsonAsync("/api/chat", new { message = Questions[i % Questions.Length] })).EnsureSuccessStatusCode();
        }

        await meters.WhenTotalAsync(OutboxDispatcher.DeliveredInstrument, 20);
        var storageBefore = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.VisitorRequest);
        var outboxBefore = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Outbox);
        var deliveredBefore = meters.Total(OutboxDispatcher.DeliveredInstrument);
        var allocatedBefore = GC.GetTotalAllocatedBytes();

        var latencies = new double[requests];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async session =>
        {
            string? id = null;
            string? token = null;
            var turn = 0;
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
                {
                    Content = JsonContent.Create(new { message = Questions[(session + turn++) % Questions.Length], sessionId = id, clientMessageId = $"b-{index}" }),
                };
                if (token is not null)
                {
                    request.Headers.Add("X-Session-Token", token);
                }

                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                var chat = (await response.Content.ReadFromJsonAsync<ChatResponse>(Wire.Json))!;
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                (id, token) = (chat.SessionId, chat.SessionToken ?? token);
            }
        }));
        clock.Stop();

        // Each exchange commits one analytics effect; wait until the outbox has delivered them all.
        await meters.WhenTotalAsync(OutboxDispatcher.DeliveredInstrument, deliveredBefore + requests);

        var requestPath = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.VisitorRequest) - storageBefore;
        var outbox = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Outbox) - outboxBefore;
        var steadyMessages = requests - sessions;
        Array.Sort(latencies);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              duration            {clock.Elapsed.TotalSeconds:F2} s
              throughput          {requests / clock.Elapsed.TotalSeconds:F0} messages/s
              latency p50         {Percentiles.Of(latencies, 0.50):F1} ms
              latency p90         {Percentiles.Of(latencies, 0.90):F1} ms
              latency p99         {Percentiles.Of(latencies, 0.99):F1} ms
              latency max         {latencies[^1]:F1} ms
              storage round trips on the request path: {requestPath} for {requests} messages
                per first message of a session   2 (write + deadline index entry) x {sessions}
                per message, steady state         {(requestPath - 2 * sessions) / (double)steadyMessages:F2}
              storage round trips of outbox dispatch (background): {outbox} ({outbox / (double)requests:F2} per message, batched)
              allocated in this process          {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / requests:F0} KiB per message (server and load together)
            """));
        return 0;
    }
}
