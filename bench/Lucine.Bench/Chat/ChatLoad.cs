using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;

namespace Lucine.Bench.Chat;

/// <summary>What a load run measured: messages answered, over how long, their latencies (ms, sorted), and the CPU the load itself used.</summary>
internal sealed record LoadResult(int Messages, double Seconds, double[] Latencies, double LoadCpuSeconds = 0)
{
    public double Rate => Messages / Seconds;
}

/// <summary>
/// Visitors chatting with the assistant over HTTP, as the widget does (POST /api/chat with a client
/// message id and the session token). Run in a process of its own, so that what the server allocates
/// is measured apart from what the load does.
/// </summary>
internal static class ChatLoad
{
    public static readonly string[] Questions =
    [
        "Quanto costano i biglietti?", "a che ora aprite?", "dove posso parcheggiare?", "posso portare il cane?",
        "How much are the tickets?", "is it wheelchair accessible", "siete aperti il 24 dicembre?", "c'è la navetta?",
        "bisogna prenotare?", "what if it rains", "posso portare un drone?", "quanto dura la visita?",
    ];

    /// <summary>The child process: <c>load URL SESSIONS closed REQUESTS</c> or <c>load URL SESSIONS open SECONDS INTERVAL_MS</c>; prints its result as JSON.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(args[1]);
        var sessions = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = sessions * 2 }) { BaseAddress = url };
        var visitors = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async i =>
        {
            // Each visitor's first message opens its session: outside the measurement, like the JIT's warm-up.
            var visitor = new BenchVisitor(http, i);
            await visitor.SayAsync(index: null);
            return visitor;
        }));

        var cpu = Environment.CpuUsage.TotalTime;
        var result = args[3] == "closed"
            ? await ClosedAsync(visitors, int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture))
            : await OpenAsync(visitors, TimeSpan.FromSeconds(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)),
                TimeSpan.FromMilliseconds(int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)));
        Console.WriteLine(JsonSerializer.Serialize(result with { LoadCpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds }));
        return 0;
    }

    /// <summary>Every visitor sends their next message as soon as the previous is answered, until <paramref name="requests"/> are.</summary>
    private static async Task<LoadResult> ClosedAsync(BenchVisitor[] visitors, int requests)
    {
        var latencies = new double[requests];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(visitors.Select(async visitor =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                await visitor.SayAsync(index);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        Array.Sort(latencies);
        return new LoadResult(requests, clock.Elapsed.TotalSeconds, latencies);
    }

    /// <summary>
    /// Every visitor sends a message every <paramref name="interval"/> whatever the answers do (visitors
    /// do not wait for the server), their starts spread over one interval. A latency counts from when the
    /// message was due, so that a server falling behind shows in it.
    /// </summary>
    private static async Task<LoadResult> OpenAsync(BenchVisitor[] visitors, TimeSpan duration, TimeSpan interval)
    {
        var perVisitor = (int)(duration / interval);
        var latencies = new double[visitors.Length * perVisitor];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(visitors.Select(async (visitor, v) =>
        {
            var sends = new List<Task>();
            for (var k = 0; k < perVisitor; k++)
            {
                var due = interval * v / visitors.Length + interval * k;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                var index = v * perVisitor + k;
                sends.Add(SendAsync(visitor, index, due, clock, latencies));
            }

            await Task.WhenAll(sends);
        }));
        Array.Sort(latencies);
        return new LoadResult(latencies.Length, clock.Elapsed.TotalSeconds, latencies);
    }

    private static async Task SendAsync(BenchVisitor visitor, int index, TimeSpan due, Stopwatch clock, double[] latencies)
    {
        await visitor.SayAsync(index);
        latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
    }

    /// <summary>
    /// One visitor's session, as the widget keeps it. Only the first answer (which names the session) is
    /// parsed: the load must cost as little as it can, since it shares the machine with what it measures.
    /// </summary>
    private sealed class BenchVisitor(HttpClient http, int number)
    {
        private string? id;
        private string? token;
        private int turn;

        /// <param name="index">The message's number in the run, which makes its client message id; null: the opening one.</param>
        public async Task SayAsync(int? index)
        {
            var question = Questions[(number + Interlocked.Increment(ref turn)) % Questions.Length];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
            {
                Content = JsonContent.Create(new { message = question, sessionId = id, clientMessageId = $"b-{number}-{index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "open"}" }),
            };
            if (token is not null)
            {
                request.Headers.Add("X-Session-Token", token);
            }

            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            if (id is null)
            {
                var chat = (await response.Content.ReadFromJsonAsync<ChatResponse>(Wire.Json))!;
                (id, token) = (chat.SessionId, chat.SessionToken);
            }
            else
            {
                await response.Content.LoadIntoBufferAsync();
            }
        }
    }
}
