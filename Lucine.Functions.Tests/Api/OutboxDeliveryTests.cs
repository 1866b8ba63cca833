using System.Diagnostics.Metrics;
using Azure;
using Lucine.Functions.Decisions;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tests.Api;

/// <summary>
/// Effects reach the reports through failures: a store that fails for a while is retried, and an
/// effect the store rejects does not hold back the others (the real analytics store behind a gate
/// that fails on purpose); an effect type with several handlers gets each of them, and a retry runs
/// only the ones that did not complete.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class OutboxDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Effects_are_delivered_once_the_store_recovers()
    {
        var gate = new FailingAnalytics(failFirst: 2, rejectSession: null);
        await using var host = await StartAsync(gate);
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var visitor = new Visitor(host.Http);

        await visitor.SayAsync("orari?");
        await meters.WhenTotalAsync(OutboxDispatcher.DeliveredInstrument, 1);

        Assert.Equal(3, gate.Calls);
        var probe = new TableProbe(host);
        Assert.Contains(await probe.AnalyticsRowsAsync(), e => e.GetString("Subject") == visitor.SessionId);
        Assert.DoesNotContain(await probe.SessionRowsAsync(visitor.SessionId), r => r.RowKey.StartsWith("out-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_effect_the_store_rejects_stays_in_its_outbox_and_the_others_are_delivered()
    {
        var gate = new FailingAnalytics(failFirst: 0, rejectSession: null);
        await using var host = await StartAsync(gate);
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var rejected = new Visitor(host.Http);
        var accepted = new Visitor(host.Http);
        await rejected.SayAsync("ciao");
        await accepted.SayAsync("ciao");
        await meters.WhenTotalAsync(OutboxDispatcher.DeliveredInstrument, 2);
        gate.RejectSession = rejected.SessionId;

        await Task.WhenAll(rejected.SayAsync("orari?"), accepted.SayAsync("orari?"));
        await meters.WhenTotalAsync(OutboxDispatcher.AbandonedInstrument, 1);
        await meters.WhenTotalAsync(OutboxDispatcher.DeliveredInstrument, 3);

        var probe = new TableProbe(host);
        Assert.Single(await probe.SessionRowsAsync(rejected.SessionId), r => r.RowKey.StartsWith("out-", StringComparison.Ordinal));
        Assert.DoesNotContain(await probe.SessionRowsAsync(accepted.SessionId), r => r.RowKey.StartsWith("out-", StringComparison.Ordinal));
        Assert.Equal(2, (await probe.AnalyticsRowsAsync()).Count(e => e.GetString("Subject") == accepted.SessionId));
    }

    [Fact]
    public async Task Every_handler_of_an_effect_gets_it_and_a_retry_runs_only_those_that_did_not_complete()
    {
        var gate = new FailingAnalytics(failFirst: 0, rejectSession: null);
        var later = new LaterHandlerCalls(failFirst: 2);
        await using var host = await StartAsync(gate, services => services
            .AddSingleton(later)
            .AddEffectHandler<RecordAnalytics, LaterHandler>(StorageServices.AnalyticsKind, EffectTiming.InBackground));
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var visitor = new Visitor(host.Http);

        await visitor.SayAsync("orari?");
        await meters.WhenTotalAsync(OutboxDispatcher.DeliveredInstrument, 1);

        // The raw events were kept by the first try; only the handler that failed ran again, until it completed.
        Assert.Equal(1, gate.Calls);
        Assert.Equal(3, later.Calls);
        Assert.Contains(visitor.SessionId, later.Subjects);
        Assert.Contains(await new TableProbe(host).AnalyticsRowsAsync(), e => e.GetString("Subject") == visitor.SessionId);
    }

    [Fact]
    public void A_second_handler_must_store_the_effect_under_the_same_kind()
    {
        var services = new ServiceCollection().AddEffectHandler<RecordAnalytics, AnalyticsRecorder>(StorageServices.AnalyticsKind, EffectTiming.InBackground);

        Assert.Throws<InvalidOperationException>(() => services.AddEffectHandler<RecordAnalytics, LaterHandler>("other-analytics", EffectTiming.InBackground));
        Assert.Throws<InvalidOperationException>(() => services.AddEffectHandler<RecordAnalytics, LaterHandler>(StorageServices.AnalyticsKind));
    }

    private Task<LucineHost> StartAsync(FailingAnalytics gate, Action<IServiceCollection>? more = null) => LucineHost.StartAsync(
        azurite.ConnectionString,
        settings =>
        {
            settings["Outbox:FirstRetryDelay"] = "00:00:00.010";

            // What is delivered is forgotten at once, for these tests to see it gone.
            settings["Outbox:ForgetAfter"] = "00:00:00";
        },
        services: services =>
        {
            services.AddSingleton<IAnalyticsStore>(sp =>
            {
                gate.Inner = new TableAnalyticsStore(sp.GetRequiredService<LucineTables>());
                return gate;
            });
            more?.Invoke(services);
        });

    private sealed class LaterHandlerCalls(int failFirst)
    {
        private readonly List<string> subjects = [];
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public IReadOnlyList<string> Subjects
        {
            get
            {
                lock (subjects)
                {
                    return [.. subjects];
                }
            }
        }

        public void Handle(IEnumerable<string> handled)
        {
            if (Interlocked.Increment(ref calls) <= failFirst)
            {
                throw new InvalidOperationException("the second handler fails (injected)");
            }

            lock (subjects)
            {
                subjects.AddRange(handled);
            }
        }
    }

    /// <summary>A second handler of the analytics effect, after the app's own.</summary>
    private sealed class LaterHandler(LaterHandlerCalls calls) : IEffectHandler<RecordAnalytics>
    {
        public Task HandleAsync(IReadOnlyList<Delivery<RecordAnalytics>> effects, CancellationToken cancellationToken)
        {
            calls.Handle(effects.Select(e => e.Effect.Event.Subject));
            return Task.CompletedTask;
        }
    }

    private sealed class FailingAnalytics(int failFirst, string? rejectSession) : IAnalyticsStore
    {
        private int calls;

        public IAnalyticsStore Inner { get; set; } = null!;

        public string? RejectSession { get; set; } = rejectSession;

        public int Calls => Volatile.Read(ref calls);

        public Task RecordAsync(IReadOnlyList<AnalyticsRecord> records, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) <= failFirst)
            {
                throw Failure(503, "storage is down (injected)");
            }

            if (records.Any(r => r.Event.Subject == RejectSession))
            {
                throw Failure(400, "storage rejects this entity (injected)");
            }

            return Inner.RecordAsync(records, cancellationToken);
        }

        private static RequestFailedException Failure(int status, string message) => new(status, message);
    }
}
