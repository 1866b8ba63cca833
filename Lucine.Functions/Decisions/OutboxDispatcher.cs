using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;
using Polly;

namespace Lucine.Functions.Decisions;

/// <summary>
/// Carries out the effects every aggregate commits to its outbox, each by every handler of its type.
/// What the committing request must reflect is delivered in that request; the rest, and whatever fails
/// there, goes to the background dispatch, which retries. An effect that still fails stays in its outbox
/// row, and the next load of its aggregate hands it over again (the sweep loads every aggregate that has
/// effects left). Delivery is at least once and idempotent; nothing is lost on restart.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    public const string MeterName = "Lucine.Outbox";
    public const string DeliveredInstrument = "lucine.outbox.delivered";
    public const string AbandonedInstrument = "lucine.outbox.abandoned";
    public const string ReceivedInstrument = "lucine.outbox.received";
    public const string BacklogInstrument = "lucine.outbox.backlog";

    private readonly IServiceProvider services;
    private readonly IReadOnlyDictionary<Type, EffectRoute> routes;

    // Handlers are singletons: each type's are resolved at its first delivery, not at every batch.
    private readonly ConcurrentDictionary<Type, IReadOnlyList<EffectHandling>> handlings = new();
    private readonly IReadOnlyDictionary<string, IOutbox> outboxes;
    private readonly DeliveredEffects delivered;
    private readonly TimeProvider clock;
    private readonly OutboxOptions options;
    private readonly ILogger<OutboxDispatcher> logger;
    private readonly ResiliencePipeline retry;
    private readonly Counter<long> deliveredCount;
    private readonly Counter<long> abandoned;
    private readonly Counter<long> received;
    private readonly Channel<PendingEffect> queue = Channel.CreateUnbounded<PendingEffect>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Effects queued or being delivered by this process, so that one handed over twice is delivered once.</summary>
    private readonly ConcurrentDictionary<(OutboxAddress, string), byte> inFlight = new();

    public OutboxDispatcher(
        IServiceProvider services,
        IEnumerable<EffectRoute> routes,
        IEnumerable<IOutbox> outboxes,
        DeliveredEffects delivered,
        IOptions<OutboxOptions> options,
        TimeProvider clock,
        IMeterFactory meters,
        ILogger<OutboxDispatcher> logger)
    {
        this.services = services;
        this.routes = routes.ToDictionary(r => r.EffectType);
        this.outboxes = outboxes.ToDictionary(o => o.Name);
        this.delivered = delivered;
        this.clock = clock;
        this.options = options.Value;
        this.logger = logger;
        retry = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetries(
                new RetryShape(this.options.MaxAttempts - 1, this.options.FirstRetryDelay),
                e => e is not OperationCanceledException,
                (attempt, delay, reason) => LogRetrying(logger, attempt, delay, reason))
            .Build();
        var meter = meters.Create(MeterName);
        deliveredCount = meter.CreateCounter<long>(DeliveredInstrument, description: "Outbox effects delivered");
        abandoned = meter.CreateCounter<long>(AbandonedInstrument, description: "Outbox effects left for a later load after repeated failures");
        received = meter.CreateCounter<long>(ReceivedInstrument, description: "Outbox effects taken for delivery (committed, or found left behind), each once while on its way");
        meter.CreateObservableGauge(BacklogInstrument, () => inFlight.Count, description: "Outbox effects this instance has taken for delivery and not delivered yet (being delivered, queued or retried)");
    }

    /// <summary>
    /// Delivers what a run committed (or found left behind): what must be reflected in the answer now,
    /// the rest in the background. What fails now is left to the background dispatch and its retries.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyList<PendingEffect> effects, CancellationToken cancellationToken)
    {
        var now = effects.Where(e => Route(e).Timing == EffectTiming.BeforeAnswering && inFlight.TryAdd((e.Owner, e.Key), 0)).ToList();
        received.Add(now.Count + Enqueue(effects.Where(e => Route(e).Timing == EffectTiming.InBackground)));
        if (now.Count == 0)
        {
            return;
        }

        try
        {
            await DeliverBatchAsync(now, [], cancellationToken);
            deliveredCount.Add(now.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRetrying(logger, 1, options.FirstRetryDelay, e.Message);
            Forget(now);
            Enqueue(now);
            return;
        }

        Forget(now);
    }

    /// <summary>Hands effects to the background dispatch; those already on their way are skipped. Returns how many were taken.</summary>
    private int Enqueue(IEnumerable<PendingEffect> effects)
    {
        var taken = 0;
        foreach (var effect in effects)
        {
            if (inFlight.TryAdd((effect.Owner, effect.Key), 0))
            {
                queue.Writer.TryWrite(effect);
                taken++;
            }
        }

        return taken;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DispatchLoopAsync(stoppingToken), ForgetLoopAsync(stoppingToken));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // What waits to be forgotten would otherwise be delivered again after a restart.
        using var scope = StorageScope.Enter(StorageScope.Outbox);
        await ForgetAsync(TimeSpan.Zero, cancellationToken);
    }

    private async Task DispatchLoopAsync(CancellationToken stoppingToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Outbox);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<PendingEffect>(options.MaxEffectsPerDispatch);
                while (batch.Count < options.MaxEffectsPerDispatch && queue.Reader.TryRead(out var effect))
                {
                    batch.Add(effect);
                }

                try
                {
                    using var activity = LucineActivities.Source.StartActivity("outbox dispatch");
                    activity?.SetTag("lucine.effects", batch.Count);
                    await DispatchAsync(batch, stoppingToken);
                }
                finally
                {
                    Forget(batch);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: undelivered effects stay in their outbox rows.
        }
    }

    /// <summary>Deletes the rows of delivered effects that no commit of their aggregate took in time.</summary>
    private async Task ForgetLoopAsync(CancellationToken stoppingToken)
    {
        if (options.ForgetAfter == TimeSpan.Zero)
        {
            return;
        }

        using var scope = StorageScope.Enter(StorageScope.Outbox);
        using var timer = new PeriodicTimer(options.ForgetAfter, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ForgetAsync(options.ForgetAfter, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ForgetAsync(TimeSpan waitedAtLeast, CancellationToken cancellationToken)
    {
        foreach (var (owner, keys) in delivered.TakeWaitingLongerThan(waitedAtLeast))
        {
            try
            {
                await outboxes[owner.Outbox].CompleteAsync(owner.Partition, keys, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage is down: they wait for the next round (or for a commit of their aggregate).
                delivered.Return(owner, keys);
                LogForgetFailed(logger, owner.Partition, e.Message);
            }
        }
    }

    private async Task DispatchAsync(List<PendingEffect> batch, CancellationToken cancellationToken)
    {
        // A retry of the batch runs only the handlers that have not completed it yet.
        var completed = new HashSet<(Type, object)>();
        try
        {
            await retry.ExecuteAsync(async token => await DeliverBatchAsync(batch, completed, token), cancellationToken);
            deliveredCount.Add(batch.Count);
            return;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && StorageFailures.IsOutage(e))
        {
            // Storage is down: every effect would fail the same way. They wait in their outbox rows.
            LogOutage(logger, batch.Count, e.Message);
            abandoned.Add(batch.Count);
            return;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && batch.Count == 1)
        {
            LogAbandoned(logger, batch[0].Owner.Partition, batch[0].Key, e);
            abandoned.Add(1);
            return;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Something in the batch is refused: one bad effect must not hold back the others.
            LogSplitting(logger, batch.Count, e.Message);
        }

        foreach (var effect in batch)
        {
            try
            {
                await DeliverBatchAsync([effect], [], cancellationToken);
                deliveredCount.Add(1);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogAbandoned(logger, effect.Owner.Partition, effect.Key, e);
                abandoned.Add(1);
            }
        }
    }

    /// <summary>
    /// Each effect type to its handlers, in the order the types first appear and the handlers were
    /// registered, skipping those <paramref name="completed"/> names (and adding the ones that complete);
    /// then the delivered rows are (to be) forgotten.
    /// </summary>
    private async Task DeliverBatchAsync(IReadOnlyList<PendingEffect> effects, HashSet<(Type, object)> completed, CancellationToken cancellationToken)
    {
        foreach (var type in effects.GroupBy(e => e.Effect.GetType()))
        {
            var ofType = type.ToList();
            foreach (var handling in handlings.GetOrAdd(type.Key, key => routes[key].Handlers(services)))
            {
                if (!completed.Contains((type.Key, handling.Handler)))
                {
                    await handling.DeliverAsync(ofType, cancellationToken);
                    completed.Add((type.Key, handling.Handler));
                }
            }
        }

        foreach (var owner in effects.GroupBy(e => e.Owner))
        {
            var keys = owner.Select(e => e.Key).Distinct().ToList();
            if (options.ForgetAfter == TimeSpan.Zero)
            {
                await outboxes[owner.Key.Outbox].CompleteAsync(owner.Key.Partition, keys, cancellationToken);
            }
            else
            {
                delivered.Add(owner.Key, keys);
            }
        }
    }

    private EffectRoute Route(PendingEffect effect) =>
        routes.TryGetValue(effect.Effect.GetType(), out var route)
            ? route
            : throw new InvalidOperationException($"No handler is registered for {effect.Effect.GetType().Name}.");

    private void Forget(IEnumerable<PendingEffect> effects)
    {
        foreach (var effect in effects)
        {
            inFlight.TryRemove((effect.Owner, effect.Key), out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering outbox effects failed; retry {Retry} in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int retry, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage is unavailable ({Reason}): {Count} outbox effects stay in the outbox until their aggregates are next loaded.")]
    private static partial void LogOutage(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting delivered outbox effects of {Subject} failed ({Reason}); retrying later.")]
    private static partial void LogForgetFailed(ILogger logger, string subject, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Count} outbox effects together kept failing ({Reason}); delivering them one by one.")]
    private static partial void LogSplitting(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox effect {Key} of {Subject} could not be delivered; it stays in the outbox until its aggregate is next loaded.")]
    private static partial void LogAbandoned(ILogger logger, string subject, string key, Exception exception);
}
