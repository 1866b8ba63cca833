using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Realtime;
using Lucine.Functions.Tests.Infrastructure;

namespace Lucine.Bench;

/// <summary>
/// Operators writing to visitors who are connected live: the time from the operator's POST to the
/// moment the visitor's WebSocket receives the message, with every visitor chatting with an operator.
/// Then the same pushes sent straight through the realtime channel (no request, no storage), which
/// is what the number of connections can change. With --service, realtime goes through the Azure
/// SignalR Service stand-in, and the REST calls and tokens per push are counted.
/// </summary>
internal static class PushBenchmark
{
    private const string Password = "correct horse battery staple";
    private const int Capacity = 50; // the most chats one operator may hold
    private const int SetupParallelism = 8;
    private const int WarmUp = 20;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var visitors = options.Get("--visitors", 500);
        var messages = options.Get("--messages", 200);
        var inFlight = options.Get("--in-flight", 8);

        // Idle visitors connected besides the chatting ones: more connections without more stored sessions.
        var idle = options.Get("--idle", 0);
        if (visitors < 1 || messages < 1 || inFlight < 1)
        {
            Console.Error.WriteLine("--visitors, --messages and --in-flight must be at least 1.");
            return 2;
        }

        var throughService = options.Has("--service");
        await using var service = throughService ? await SignalRServiceStandIn.StartAsync() : null;
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, settings =>
        {
            settings["SignalR:ConnectionString"] = service?.ConnectionString;
            settings["Operators:Bootstrap:Username"] = "admin";
            settings["Operators:Bootstrap:Password"] = Password;
            settings["Operators:Bootstrap:DisplayName"] = "Giulia";
            settings["Logging:LogLevel:Lucine.Functions.Operators.OperatorBootstrap"] = "Error";
        });
        service?.Upstream = host.BaseAddress;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = host.BaseAddress };
        var operators = (visitors + Capacity - 1) / Capacity;
        Console.WriteLine($"Lucine push benchmark: {visitors} visitors with an operator ({operators} operators x {Capacity}), each connected to {(throughService ? "the SignalR Service stand-in" : "Lucine's hub")}; " +
                          $"{messages} operator messages, {inFlight} in flight; Azurite + Kestrel on loopback, {Environment.ProcessorCount} cores.");

        // The admin hires the operators, who log in and go online.
        var admin = await LoginAsync(http, "admin");
        var desks = new List<string>();
        for (var i = 0; i < operators; i++)
        {
            await ReadAsync<OperatorProfile>(await SendAsync(http, admin, HttpMethod.Post, "/api/operators",
                new { username = $"op{i}", displayName = $"Op {i}", password = Password, role = "operator", capacity = Capacity }));
            var desk = await LoginAsync(http, $"op{i}");
            await ReadAsync<OperatorProfile>(await SendAsync(http, desk, HttpMethod.Put, "/api/operators/me/availability", new { availability = "online" }));
            desks.Add(desk);
        }

        // Every visitor asks for an operator and gets one at once.
        var setup = Stopwatch.StartNew();
        var chats = new (string Id, string Token)[visitors];
        await Parallel.ForAsync(0, visitors, new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, _) =>
        {
            var first = await ChatAsync(http, new { message = "voglio parlare con un operatore" }, null);
            var escalated = await ChatAsync(http, new { action = "request_operator", sessionId = first.SessionId }, first.SessionToken);
            if (escalated.Status != SessionStatus.WithOperator)
            {
                throw new InvalidOperationException($"Visitor {i} is {escalated.Status}, not with an operator.");
            }

            chats[i] = (first.SessionId, first.SessionToken!);
        });
        Console.WriteLine($"  {visitors} visitors escalated in {setup.Elapsed.TotalSeconds:F1} s");

        // Which operator holds each chat: the one who writes in it.
        var holders = new Dictionary<string, string>();
        foreach (var desk in desks)
        {
            foreach (var chat in (await ReadAsync<ItemsResponse<ChatItem>>(await SendAsync(http, desk, HttpMethod.Get, "/api/operator/chats"))).Items)
            {
                holders[chat.SessionId] = desk;
            }
        }

        // Each visitor's widget connects; a "message" event on that visitor's own connection, with a text
        // waited for there, ends that wait.
        var waiting = new ConcurrentDictionary<(string Session, string Text), TaskCompletionSource<long>>();
        void OnEvent(string session, string target, JsonElement argument)
        {
            if (target == "message" && waiting.TryRemove((session, argument.GetProperty("message").GetProperty("text").GetString()!), out var arrival))
            {
                arrival.TrySetResult(Stopwatch.GetTimestamp());
            }
        }

        // Idle visitors' sessions exist only in their tokens (they never wrote): nothing is stored for them.
        var credentials = host.Services.GetRequiredService<SessionCredentials>();
        var everyone = chats.Concat(Enumerable.Range(0, idle).Select(_ => credentials.Open(null)).Select(c => (c.Id.Value, c.Token))).ToArray();
        var memoryBefore = Memory();
        setup.Restart();
        var connections = new HubClient[everyone.Length];
        await Parallel.ForAsync(0, everyone.Length, new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, _) =>
            connections[i] = throughService
                ? await HubClient.ConnectThroughServiceAsync(http, everyone[i].Item2, (target, argument) => OnEvent(everyone[i].Item1, target, argument))
                : await HubClient.ConnectAsync(host.BaseAddress, everyone[i].Item2, (target, argument) => OnEvent(everyone[i].Item1, target, argument)));
        var memoryAfter = Memory();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {everyone.Length} connections ({visitors} chatting, {idle} idle) open in {setup.Elapsed.TotalSeconds:F1} s; process (server and clients) {memoryAfter.WorkingSet / 1048576.0:F0} MiB working set, " +
            $"{memoryAfter.Heap / 1048576.0:F0} MiB GC heap; {(memoryAfter.WorkingSet - memoryBefore.WorkingSet) / 1024.0 / everyone.Length:F1} KiB working set per connection, both ends"));

        // From just before the operator's POST to the visitor's socket receiving the message.
        async Task<double> PushAsync(int visitor, string text)
        {
            var (id, _) = chats[visitor];
            var arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting[(id, text)] = arrival;
            var started = Stopwatch.GetTimestamp();
            using var response = await SendAsync(http, holders[id], HttpMethod.Post, $"/api/operator/chats/{id}/messages", new { text });
            await EnsureSuccessAsync(response);
            return Stopwatch.GetElapsedTime(started, await arrival.Task.WaitAsync(TimeSpan.FromSeconds(30))).TotalMilliseconds;
        }

        // The same push, sent by the realtime channel itself: what the connections cost, without storage.
        var channel = host.Services.GetRequiredService<IRealtimeChannel>();
        async Task<double> DirectAsync(int visitor, string text)
        {
            var (id, _) = chats[visitor];
            var arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting[(id, text)] = arrival;
            var started = Stopwatch.GetTimestamp();
            var session = SessionId.Parse(id);
            var message = new ChatMessage(1, MessageSender.Operator, text, [], DateTimeOffset.UtcNow);
            await channel.SendToUsersAsync([RealtimeUsers.Visitor(session)], RealtimeEvents.Message, new MessageEvent(id, MessageDto.From(session, message)), CancellationToken.None);
            return Stopwatch.GetElapsedTime(started, await arrival.Task.WaitAsync(TimeSpan.FromSeconds(30))).TotalMilliseconds;
        }

        try
        {
            // Warm up the JIT and the connection pool outside the measurement.
            for (var i = 0; i < WarmUp; i++)
            {
                await PushAsync(i % visitors, $"Prova {i}");
                await DirectAsync(i % visitors, $"Invio {i}");
            }

            var calls = service?.RestCalls ?? 0;
            Report("POST to socket", await MeasureAsync(messages, inFlight, i => PushAsync(i % visitors, $"Messaggio {i}")));
            if (service is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  per operator message: {(service.RestCalls - calls) / (double)messages:F2} REST calls to the service, each with a token signed for it"));
            }

            Report("channel to socket", await MeasureAsync(messages, inFlight, i => DirectAsync(i % visitors, $"Diretto {i}")));
            return 0;
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<(double[] Sorted, TimeSpan Duration)> MeasureAsync(int count, int inFlight, Func<int, Task<double>> one)
    {
        var latencies = new double[count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (i, _) => latencies[i] = await one(i));
        clock.Stop();
        Array.Sort(latencies);
        return (latencies, clock.Elapsed);
    }

    private static void Report(string what, (double[] Sorted, TimeSpan Duration) run)
    {
        var (latencies, duration) = run;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: {latencies.Length} messages in {duration.TotalSeconds:F2} s ({latencies.Length / duration.TotalSeconds:F0}/s), " +
            $"p50 {Percentiles.Of(latencies, 0.50):F1} ms, p95 {Percentiles.Of(latencies, 0.95):F1} ms, p99 {Percentiles.Of(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms"));
    }

    private static (long WorkingSet, long Heap) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, GC.GetTotalMemory(false));
    }

    private static async Task<string> LoginAsync(HttpClient http, string username)
    {
        using var response = await http.PostAsJsonAsync("/api/operators/login", new { username, password = Password });
        return (await ReadAsync<LoginResponse>(response)).Token;
    }

    private static async Task<ChatResponse> ChatAsync(HttpClient http, object body, string? sessionToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(body) };
        if (sessionToken is not null)
        {
            request.Headers.Add("X-Session-Token", sessionToken);
        }

        return await ReadAsync<ChatResponse>(await http.SendAsync(request));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string bearer, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", bearer);
        return http.SendAsync(request);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        await EnsureSuccessAsync(response);
        return (await response.Content.ReadAsync<T>())!;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
