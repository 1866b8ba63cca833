using System.Diagnostics.Metrics;
using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tests.Api;

/// <summary>
/// What a visitor message costs in storage round trips, and that its effects (analytics events)
/// are delivered from the outbox, including effects left behind by an earlier process.
/// Each test has its own app, tables and counters.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class StorageCostTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private LucineHost host = null!;
    private MeterWatcher meters = null!;

    /// <param name="forgetAfter">How long delivered effects wait for their session's next commit to forget them.</param>
    /// <param name="redeliveryGrace">Longer than <paramref name="forgetAfter"/>: rows waiting to be forgotten do not count as left behind.</param>
    private async Task StartAsync(TimeProvider? clock = null, string forgetAfter = "00:00:00", string redeliveryGrace = "00:00:30")
    {
        host = await LucineHost.StartAsync(azurite.ConnectionString, settings =>
        {
            settings["Outbox:ForgetAfter"] = forgetAfter;
            settings["Outbox:RedeliveryGrace"] = redeliveryGrace;
        }, clock: clock);
        meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
    }

    public async ValueTask DisposeAsync()
    {
        meters.Dispose();
        await host.DisposeAsync();
    }

    private long VisitorRequestRoundTrips => meters.Total(StorageRequestMeter.InstrumentName, StorageScope.VisitorRequest);

    [Fact]
    public async Task A_new_session_costs_two_writes_and_a_follow_up_one_read_and_one_write()
    {
        await StartAsync();
        var visitor = new Visitor(host.Http);

        var before = VisitorRequestRoundTrips;
        await visitor.SayAsync("ciao", "m-1");
        var afterFirst = VisitorRequestRoundTrips;
        await visitor.SayAsync("orari?", "m-2");
        var afterSecond = VisitorRequestRoundTrips;
        await visitor.SayAsync("prezzi?");
        var afterThird = VisitorRequestRoundTrips;

        // The first message also indexes the session's idle deadline; later ones move it later, which
        // needs no new index entry (the sweep re-indexes at the real time).
        Assert.Equal(2, afterFirst - before);
        Assert.Equal(2, afterSecond - afterFirst);
        Assert.Equal(2, afterThird - afterSecond);
    }

    [Fact]
    public async Task Each_exchange_is_recorded_for_the_reports_and_leaves_no_outbox_row()
    {
        await StartAsync();
        var visitor = new Visitor(host.Http);

        await visitor.SayAsync("Can I bring my dog?");
        await visitor.SayAsync("posso portare un drone?");
        await meters.WhenOutboxDeliveredAsync();

        var probe = new TableProbe(host);
        var events = (await probe.AnalyticsRowsAsync()).Where(e => e.GetString("Subject") == visitor.SessionId).ToList();
        Assert.Equal(["answered", "not_known"], events.OrderBy(e => e.GetDateTimeOffset("At")).ThenBy(e => e.RowKey).Select(e => e.GetString("Data_outcome")));
        Assert.All(events, e => Assert.Equal(AnalyticsEventTypes.ChatMessage, e.GetString("Type")));
        Assert.DoesNotContain(await probe.SessionRowsAsync(visitor.SessionId), r => r.RowKey.StartsWith("out-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Effects_left_in_the_outbox_by_an_earlier_process_are_delivered_on_the_next_load()
    {
        // This process runs an hour after the earlier one, so its leftovers are past the redelivery grace.
        await StartAsync(new ManualClock(DateTimeOffset.UtcNow.AddHours(1)));

        // An earlier process committed a decision and stopped before dispatching its effect.
        var (id, token) = host.Services.GetRequiredService<SessionCredentials>().Open(null);
        var at = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var orphan = new AnalyticsEvent(AnalyticsEventTypes.ChatMessage, id.Value, at, new Dictionary<string, string> { ["outcome"] = "orphaned" });
        var decision = new SessionDecision(
            SessionState.Start(id, at) with { LastSequence = 2 },
            [new ChatMessage(1, MessageSender.Visitor, "ciao", [], at), new ChatMessage(2, MessageSender.Bot, "Ciao!", [], at)],
            [new RecordAnalytics(orphan)]);
        await host.Services.GetRequiredService<ISessionStore>().CommitAsync(new Commit<SessionDecision>(id.Value, decision, null, null, null, [], []), CancellationToken.None);
        var probe = new TableProbe(host);
        Assert.Contains(await probe.SessionRowsAsync(id.Value), r => r.RowKey.StartsWith("out-", StringComparison.Ordinal));

        var response = await new Visitor(host.Http).PostAsync(new { message = "orari?", sessionId = id.Value }, token);
        response.EnsureSuccessStatusCode();
        await meters.WhenOutboxDeliveredAsync();

        var outcomes = (await probe.AnalyticsRowsAsync())
            .Where(e => e.GetString("Subject") == id.Value)
            .Select(e => e.GetString("Data_outcome"))
            .Order();
        Assert.Equal(["answered", "orphaned"], outcomes);
        Assert.DoesNotContain(await probe.SessionRowsAsync(id.Value), r => r.RowKey.StartsWith("out-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delivered_effect_is_forgotten_by_its_sessions_next_commit_at_no_extra_request()
    {
        await StartAsync(forgetAfter: "00:01:00", redeliveryGrace: "00:05:00");
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("Quanto costa il biglietto?");
        await meters.WhenOutboxDeliveredAsync();
        var probe = new TableProbe(host);
        var firstRow = Assert.Single(await probe.SessionRowsAsync(visitor.SessionId), r => r.RowKey.StartsWith("out-", StringComparison.Ordinal)).RowKey;

        var before = VisitorRequestRoundTrips;
        await visitor.SayAsync("e il parcheggio?");

        Assert.Equal(2, VisitorRequestRoundTrips - before);
        Assert.DoesNotContain(await probe.SessionRowsAsync(visitor.SessionId), r => r.RowKey == firstRow);
    }

    [Fact]
    public async Task Delivered_effects_no_commit_took_are_forgotten_when_the_process_stops()
    {
        await StartAsync(forgetAfter: "00:01:00", redeliveryGrace: "00:05:00");
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("Quanto costa il biglietto?");
        await meters.WhenOutboxDeliveredAsync();
        var probe = new TableProbe(host);
        Assert.Single(await probe.SessionRowsAsync(visitor.SessionId), r => r.RowKey.StartsWith("out-", StringComparison.Ordinal));

        await host.App.StopAsync();

        Assert.DoesNotContain(await probe.SessionRowsAsync(visitor.SessionId), r => r.RowKey.StartsWith("out-", StringComparison.Ordinal));
    }
}
