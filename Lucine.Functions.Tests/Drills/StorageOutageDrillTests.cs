using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Lucine.Functions.Tests.Drills;

/// <summary>
/// The storage outage drill: visitors write continuously while storage is gone for 10 s, with Lucine's
/// default storage settings (a 10 s request timeout, the circuit's 3 failures and 2 s break).
/// </summary>
/// <remarks>
/// Storage is cut by a <see cref="TcpProxy"/> between Lucine and Azurite that turns into a black hole (no
/// answer, the worst kind of outage: every call waits for its timeout) and then relays again. Azurite itself
/// keeps running, in memory: stopping it would also throw away what it had acknowledged (it runs in memory
/// here, and on disk it persists only every few seconds), which is Azurite's durability, not Lucine's. Table
/// Storage keeps what it acknowledged, and so does Azurite behind the proxy.
/// </remarks>
[Collection(DrillCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class StorageOutageDrillTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Writers = 10;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WritingBefore = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WritingAfterRecovery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PauseBetweenMessages = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Through_ten_seconds_without_storage_every_refusal_is_a_503_and_nothing_acknowledged_is_lost()
    {
        await using var proxy = new TcpProxy(azurite.Server.Port);
        await using var host = await LucineHost.StartAsync(
            proxy.ConnectionStringFor(azurite.Server),
            s =>
            {
                s["Chat:MessagesPerMinute"] = "10000";

                // The sweeps, the router and the notification sender run as they do standalone: they meet the outage too.
                foreach (var section in new[] { "Deadlines", "Routing", "Tickets", "Notifications", "Operators" })
                {
                    s[$"{section}:RunInBackground"] = "true";
                }
            });
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var circuit = host.Services.GetRequiredService<StorageCircuit>();
        var drill = Stopwatch.StartNew();
        var attempts = new ConcurrentQueue<Attempt>();
        var restoredTicks = long.MaxValue;
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Observe(Attempt attempt)
        {
            attempts.Enqueue(attempt);
            if (attempt.Acknowledged && attempt.SentAt.Ticks > Volatile.Read(ref restoredTicks))
            {
                recovered.TrySetResult();
            }
        }

        using var stop = new CancellationTokenSource();
        var visitors = Enumerable.Range(0, Writers).Select(_ => new PersistentVisitor(host.Http, drill)).ToList();
        var writing = Task.WhenAll(visitors.Select(async (visitor, n) =>
        {
            // A message under way is sent until acknowledged, stop or not: that is what is checked afterwards.
            for (var m = 1; !stop.IsCancellationRequested; m++)
            {
                await visitor.SendAsync($"Orari di apertura? (visitatore {n + 1}, messaggio {m})", Observe);
                await Task.Delay(PauseBetweenMessages);
            }
        }));
        var opened = meters.WhenTotalAsync(StorageCircuit.OpenedInstrument, 1).ContinueWith(_ => drill.Elapsed, TaskScheduler.Default);

        // The drill's timetable (how long visitors write before, the outage itself), not a wait for something to happen.
        await Task.Delay(WritingBefore);
        var cutAt = drill.Elapsed;
        proxy.BecomeBlackHole();
        await Task.Delay(Outage);
        var restoredAt = drill.Elapsed;
        Volatile.Write(ref restoredTicks, restoredAt.Ticks);
        proxy.Restore();
        await recovered.Task.WaitAsync(Patience);
        await Task.Delay(WritingAfterRecovery);
        await stop.CancelAsync();
        await writing.WaitAsync(Patience);
        var readBacks = await Task.WhenAll(visitors.Select(v => v.ReadBackAsync()));

        var all = attempts.ToList();
        var openedAt = await opened;
        var refusals = all.Where(a => a.Status == 503).ToList();
        var firstSuccess = all.Where(a => a.Acknowledged && a.SentAt > restoredAt).Min(a => a.SentAt + a.Latency);
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var settings = host.Services.GetRequiredService<IOptions<StorageCircuitOptions>>().Value;
        var report = new DrillReport("storage-outage-drill", output);
        report.Add("outage", $"{Outage.TotalSeconds:F0} s of no answer from storage (a black-holed proxy; Azurite keeps running in memory, so what it acknowledged stays)");
        report.Add("settings", $"Storage:RequestTimeout {storage.RequestTimeout.TotalSeconds:F0} s, Storage:Circuit:FailuresToOpen {settings.FailuresToOpen}, BreakDuration {settings.BreakDuration.TotalSeconds:F0} s");
        report.Add("writers", $"{Writers}, a new message {PauseBetweenMessages.TotalMilliseconds:F0} ms after each acknowledgement, a refused one again after 100 ms");
        report.Add("requests", $"{all.Count}");
        report.Add("acknowledged", $"{all.Count(a => a.Acknowledged)}");
        report.Add("refusals (503 storage-unavailable, problem+json, Retry-After)", $"{refusals.Count(IsStorageUnavailable)} of {refusals.Count} answered 503");
        report.Add("responses of 500", $"{all.Count(a => a.Status == 500)}");
        report.Add("other answers (not 200 or 503)", $"{all.Count(a => a.Status is not (200 or 503))}");
        report.Add("circuit opened after the cut", $"{(openedAt - cutAt).TotalSeconds:F1} s ({meters.Total(StorageCircuit.OpenedInstrument)} time(s))");
        report.Add("refusals of requests sent before the circuit opened", DrillReport.Spread([.. refusals.Where(a => a.SentAt < openedAt).Select(a => a.Latency)]));
        report.Add("refusals of requests sent while it was open", DrillReport.Spread([.. refusals.Where(a => a.SentAt >= openedAt).Select(a => a.Latency)]));
        report.Add("storage calls refused at once by the circuit", $"{meters.Total(StorageCircuit.RefusedInstrument)}");
        report.Add("probes", $"{meters.Sum(StorageCircuit.ProbesInstrument, ("result", "failed"))} failed, {meters.Sum(StorageCircuit.ProbesInstrument, ("result", "answered"))} answered");
        report.Add("first success after storage came back", $"{(firstSuccess - restoredAt).TotalSeconds:F1} s");
        report.Add("lost (acknowledged, not stored)", $"{readBacks.Sum(r => r.Lost)}");
        report.Add("duplicates", $"{readBacks.Sum(r => r.Duplicates)}");
        report.Add("gaps in a session's sequence", $"{readBacks.Sum(r => r.Gaps)}");
        report.Add("stored, never acknowledged", $"{readBacks.Sum(r => r.Unacknowledged)}");
        report.Add("drill duration", $"{drill.Elapsed.TotalSeconds:F1} s");
        await report.WriteAsync();

        Assert.NotEmpty(refusals);
        Assert.All(refusals, a => Assert.True(IsStorageUnavailable(a), $"a refusal that is not storage-unavailable with Retry-After: {a}"));
        Assert.DoesNotContain(all, a => a.Status is not (200 or 503));
        Assert.True(meters.Total(StorageCircuit.OpenedInstrument) >= 1);
        Assert.Contains(refusals, a => a.SentAt >= openedAt);
        Assert.Equal(StorageCircuitState.Closed, circuit.State);
        Assert.All(readBacks, r => Assert.Equal(new ReadBack(r.Messages, 0, 0, 0, 0), r));
    }

    private static bool IsStorageUnavailable(Attempt refusal) =>
        refusal is { Status: 503, ProblemType: Problems.TypePrefix + "storage-unavailable", HasRetryAfter: true };
}
