using System.Diagnostics.Metrics;
using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Logging;

namespace Lucine.Functions.Tests.Api;

/// <summary>
/// The storage circuit on a real Azurite behind a <see cref="TcpProxy"/> that hangs (a black hole) and comes
/// back. Time moves with the test's clock: the circuit's break is the clock's, the attempts' timeouts are real
/// but short (<c>Storage:RequestTimeout</c> 0.6 s, 0.2 s an attempt).
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class StorageCircuitTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    /// <summary>An ETag no row has: an update guarded by it is refused (412).</summary>
    private static readonly ETag Stale = new("W/\"datetime'2000-01-01T00%3A00%3A00Z'\"");

    [Fact]
    public async Task Once_storage_has_failed_three_times_in_a_row_requests_are_refused_without_reaching_it_and_a_probe_closes_the_circuit()
    {
        await using var outage = await Outage.StartAsync(azurite);
        var visitor = new Visitor(outage.Host.Http);
        await visitor.SayAsync("ciao");

        outage.Proxy.BecomeBlackHole();
        var hung = await visitor.PostAsync(new { message = "orari?", sessionId = visitor.SessionId, clientMessageId = "during-outage" });

        await ProblemAssert.IsProblemAsync(hung, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.Equal(StorageCircuitState.Open, outage.Circuit.State);
        Assert.Equal(1, outage.Meters.Total(StorageCircuit.OpenedInstrument));
        Assert.Contains(outage.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Table Storage failed 3 times in a row", StringComparison.Ordinal));

        var sentBefore = outage.Meters.Total(StorageRequestMeter.InstrumentName);
        var refusals = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            refusals.Add(await visitor.PostAsync(new { message = "orari?", sessionId = visitor.SessionId, clientMessageId = "during-outage" }));
        }

        var health = await outage.Host.Http.GetAsync("/api/health");

        foreach (var refusal in refusals)
        {
            await ProblemAssert.IsProblemAsync(refusal, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
            Assert.Equal("2", Assert.Single(refusal.Headers.GetValues("Retry-After")));
        }

        Assert.Equal(sentBefore, outage.Meters.Total(StorageRequestMeter.InstrumentName));
        Assert.True(outage.Meters.Total(StorageCircuit.RefusedInstrument, StorageScope.VisitorRequest) >= 5);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("open", await CircuitInHealthAsync(health));

        outage.Proxy.Restore();
        await outage.ProbeAsync(1);
        var retried = await visitor.SayAsync("orari?", "during-outage");
        var transcript = await visitor.MessagesAsync();

        Assert.Equal(StorageCircuitState.Closed, outage.Circuit.State);
        Assert.Equal(1, outage.Meters.Sum(StorageCircuit.ProbesInstrument, ("result", "answered")));
        Assert.Contains(outage.Logs.Entries, e => e.Message.Contains("its circuit is closed again", StringComparison.Ordinal));
        Assert.Equal("during-outage", retried.Messages[0].ClientMessageId);
        Assert.Single(transcript.Messages, m => m.ClientMessageId == "during-outage");
        Assert.Equal("closed", await CircuitInHealthAsync(await outage.Host.Http.GetAsync("/api/health")));
        Assert.Equal(1, outage.Meters.Total(StorageCircuit.OpenedInstrument));
    }

    [Fact]
    public async Task An_open_circuit_probes_once_at_a_time_and_stays_open_while_the_probe_fails()
    {
        await using var outage = await Outage.StartAsync(azurite);
        var visitor = new Visitor(outage.Host.Http);
        await visitor.SayAsync("ciao");
        outage.Proxy.BecomeBlackHole();
        await visitor.PostAsync(new { message = "orari?", sessionId = visitor.SessionId, clientMessageId = "during-outage" });
        var visitorRequestsBefore = outage.Meters.Total(StorageRequestMeter.InstrumentName, StorageScope.VisitorRequest);

        outage.Clock.Advance(BreakDuration);
        var atOnce = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            visitor.PostAsync(new { message = "orari?", sessionId = visitor.SessionId, clientMessageId = "during-outage" })));
        await outage.Meters.WhenTotalAsync(StorageCircuit.ProbesInstrument, 1);

        foreach (var refusal in atOnce)
        {
            await ProblemAssert.IsProblemAsync(refusal, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        }

        Assert.Equal(1, outage.Meters.Sum(StorageCircuit.ProbesInstrument, ("result", "failed")));
        Assert.True(outage.Meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Probe) >= 1);
        Assert.Equal(visitorRequestsBefore, outage.Meters.Total(StorageRequestMeter.InstrumentName, StorageScope.VisitorRequest));
        Assert.Equal(StorageCircuitState.Open, outage.Circuit.State);

        outage.Proxy.Restore();
        await outage.ProbeAsync(2);

        Assert.Equal(1, outage.Meters.Sum(StorageCircuit.ProbesInstrument, ("result", "answered")));
        Assert.Equal(StorageCircuitState.Closed, outage.Circuit.State);
        await visitor.SayAsync("orari?", "during-outage");
    }

    [Fact]
    public async Task Storage_refusing_requests_is_not_an_outage_and_never_opens_the_circuit()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString);
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var tables = host.Services.GetRequiredService<LucineTables>();
        var row = new TableEntity("circuit", "row");
        await tables.Sessions.AddEntityAsync(row);
        var statuses = new List<int>();

        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await Assert.ThrowsAsync<RequestFailedException>(() => tables.Sessions.GetEntityAsync<TableEntity>("circuit", "missing"))).Status);
            statuses.Add((await Assert.ThrowsAsync<RequestFailedException>(() => tables.Sessions.AddEntityAsync(row))).Status);
            statuses.Add((await Assert.ThrowsAsync<RequestFailedException>(() => tables.Sessions.UpdateEntityAsync(row, Stale))).Status);
        }

        Assert.Equal([404, 409, 412], statuses.Distinct().Order());
        Assert.Equal(StorageCircuitState.Closed, tables.Circuit.State);
        Assert.Equal(0, meters.Total(StorageCircuit.OpenedInstrument));
    }

    private static async Task<string?> CircuitInHealthAsync(HttpResponseMessage health)
    {
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("data").GetProperty("circuit").GetString();
    }

    /// <summary>A host whose storage goes through a proxy the test can hang and restore, on the test's clock.</summary>
    private sealed class Outage : IAsyncDisposable
    {
        private Outage(TcpProxy proxy, LucineHost host, LogRecorder logs, ManualClock clock)
        {
            Proxy = proxy;
            Host = host;
            Logs = logs;
            Clock = clock;
            Meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
            Circuit = host.Services.GetRequiredService<StorageCircuit>();
        }

        public TcpProxy Proxy { get; }

        public LucineHost Host { get; }

        public LogRecorder Logs { get; }

        public ManualClock Clock { get; }

        public MeterWatcher Meters { get; }

        public StorageCircuit Circuit { get; }

        public static async Task<Outage> StartAsync(AzuriteFixture azurite)
        {
            var proxy = new TcpProxy(azurite.Server.Port);
            var logs = new LogRecorder();
            var clock = new ManualClock(DateTimeOffset.UtcNow);
            var host = await LucineHost.StartAsync(
                proxy.ConnectionStringFor(azurite.Server),
                s =>
                {
                    s["Storage:RequestTimeout"] = "00:00:00.600";
                    s["Storage:Circuit:FailuresToOpen"] = "3";
                    s["Storage:Circuit:BreakDuration"] = BreakDuration.ToString();
                    s["Logging:LogLevel:Lucine.Functions.Storage"] = "Information";
                },
                clock,
                services: services => services.AddSingleton<ILoggerProvider>(logs));
            return new Outage(proxy, host, logs, clock);
        }

        /// <summary>
        /// Past the break, a call (the health check here) is refused and starts the probe; this waits for the
        /// <paramref name="nth"/> probe to finish.
        /// </summary>
        public async Task ProbeAsync(int nth)
        {
            Clock.Advance(BreakDuration);
            await Host.Http.GetAsync("/api/health");
            await Meters.WhenTotalAsync(StorageCircuit.ProbesInstrument, nth);
        }

        public async ValueTask DisposeAsync()
        {
            Meters.Dispose();
            await Host.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }
}
