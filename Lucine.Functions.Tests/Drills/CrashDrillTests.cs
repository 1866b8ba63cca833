using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace Lucine.Functions.Tests.Drills;

/// <summary>
/// The crash drill: Lucine as a real OS process, killed with SIGKILL in the middle of a burst of 200
/// messages from 20 visitors (10 each, one after the other, as people type), then started again. The
/// visitors retry every message with its clientMessageId until it is acknowledged, through the downtime
/// (connection refused) and after it. Then every transcript is read back through the API.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class CrashDrillTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Visitors = 20;
    private const int MessagesEach = 10;

    /// <summary>The kill comes when this many messages are acknowledged: well inside the burst.</summary>
    private const int KillAtAcknowledged = 60;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lucine_killed_during_a_burst_loses_and_duplicates_no_acknowledged_message()
    {
        var port = AzuriteServer.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = LucineHost.NewTablePrefix(),
            ["Security:SessionTokenKey"] = LucineHost.NewSecret(),
            ["Security:OperatorTokenKey"] = LucineHost.NewSecret(),

            // The drill is about crashes; the per-session rate limit has its own tests.
            ["Chat:MessagesPerMinute"] = "1000",
        };
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var drill = Stopwatch.StartNew();
        var attempts = new ConcurrentQueue<Attempt>();
        var acknowledged = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Observe(Attempt attempt)
        {
            attempts.Enqueue(attempt);
            if (attempt.Acknowledged && Interlocked.Increment(ref acknowledged) == KillAtAcknowledged)
            {
                killNow.TrySetResult();
            }
        }

        await using var first = await LucineProcess.StartAsync(settings);
        var firstStart = drill.Elapsed;
        var visitors = Enumerable.Range(0, Visitors).Select(_ => new PersistentVisitor(http, drill)).ToList();
        var burst = Task.WhenAll(visitors.Select(async (visitor, n) =>
        {
            for (var m = 1; m <= MessagesEach; m++)
            {
                await visitor.SendAsync($"Quanto costa il biglietto? (visitatore {n + 1}, messaggio {m})", Observe);
            }
        }));

        await killNow.Task.WaitAsync(Patience);
        var killedAt = DateTimeOffset.UtcNow;
        var killed = drill.Elapsed;
        await first.KillAsync();
        var acknowledgedBeforeKill = Volatile.Read(ref acknowledged);
        await using var second = await LucineProcess.StartAsync(settings);
        var restart = drill.Elapsed - killed;
        await burst.WaitAsync(Patience);
        var readBacks = await Task.WhenAll(visitors.Select(v => v.ReadBackAsync()));

        var all = attempts.ToList();
        var replayed = all.Count(a => a.Acknowledged && a.SentAt > killed && a.StoredAt < killedAt);
        var report = new DrillReport("crash-drill", output);
        report.Add("visitors × messages", $"{Visitors} × {MessagesEach}");
        report.Add("messages sent", $"{Visitors * MessagesEach}");
        report.Add("HTTP attempts", $"{all.Count}");
        report.Add("acknowledged before the kill (SIGKILL)", $"{acknowledgedBeforeKill}");
        report.Add("retries", $"{all.Count - Visitors * MessagesEach} ({all.Count(a => a.Status == 0)} without an answer, {all.Count(a => a.Status == 503)} answered 503)");
        report.Add("stored before the kill, acknowledged after it (the stored exchange replayed)", $"{replayed}");
        report.Add("restart time (kill to the new process ready)", $"{restart.TotalSeconds:F1} s (the first start, with nobody knocking: {firstStart.TotalSeconds:F1} s)");
        report.Add("acknowledged in all", $"{all.Count(a => a.Acknowledged)}");
        report.Add("lost (acknowledged, not stored)", $"{readBacks.Sum(r => r.Lost)}");
        report.Add("duplicates", $"{readBacks.Sum(r => r.Duplicates)}");
        report.Add("gaps in a session's sequence", $"{readBacks.Sum(r => r.Gaps)}");
        report.Add("stored, never acknowledged", $"{readBacks.Sum(r => r.Unacknowledged)}");
        report.Add("answers other than 200 and 503", $"{all.Count(a => a.Status is not (0 or 200 or 503))}");
        report.Add("drill duration", $"{drill.Elapsed.TotalSeconds:F1} s");
        await report.WriteAsync();

        Assert.InRange(acknowledgedBeforeKill, KillAtAcknowledged, Visitors * MessagesEach - 1);
        Assert.Equal(Visitors * MessagesEach, all.Count(a => a.Acknowledged));
        Assert.All(readBacks, r => Assert.Equal(new ReadBack(r.Messages, 0, 0, 0, 0), r));
        Assert.DoesNotContain(all, a => a.Status is not (0 or 200 or 503));
    }
}
