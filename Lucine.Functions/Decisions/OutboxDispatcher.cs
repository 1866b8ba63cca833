using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;
using Polly;

namespace Lucine.Functions.Decisions;

/// <summary>
/// Carries out the effects every aggregate commits to its outbox, each by the one handler of its type.
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

    private readonly IServiceProvider services;
    private readonly IReadOnlyDictionary<Type, EffectRoute> routes;
    private readonly IReadOnlyDictionary<string, IOutbox> outboxes;
    private readonly OutboxOptions options;
    private readonly ILogger<OutboxDispatcher> logger;
    private readonly ResiliencePipeline retry;
    private readonly Counter<long> delivered;
    private readonly Counter<long> abandoned;
    private readonly Channel<PendingEffect> queue = Channel.CreateUnbounded<PendingEffect>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Effects queued or being delivered by this process, so that one handed over twice is delivered once.</summary>
    private readonly ConcurrentDictionary<(OutboxAddress, string), byte> inFlight = new();

    public OutboxDispatcher(
        IServiceProvider services,
        IEnumerable<EffectRoute> routes,
        IEnumerable<IOutbox> outboxes,
        IOptions<OutboxOptions> options,
        TimeProvider clock,
        IMeterFactory meters,
        ILogger<OutboxDispatcher> logger)
    {
        this.services = services;
        this.routes = routes.ToDictionary(r => r.EffectType);
        this.outboxes = outboxes.ToDictionary(o => o.Name);
        this.options = options.Value;
        this.logger = logger;
        retry = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetries(
                new RetryShape(this.options.MaxAttempts - 1, this.options.FirstRetryDelay),
                e => e is not OperationCanceledException,
                (attempt, delay, reason) => LogRetrying(logger, attempt, delay, reason))
            .Build();
        var meter = meters.Create(MeterName);
        delivered = meter.CreateCounter<long>(DeliveredInstrument, description: "Outbox effects delivered");
        abandoned = meter.CreateCounter<long>(AbandonedInstrument, description: "Outbox effects left for a later load after repeated failures");
    }

    /// <summary>
    /// Delivers what a run committed (or found left behind): what must be reflected in the answer now,
    /// the rest in the background. What fails now is left to the background dispatch and its retries.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyList<PendingEffect> effects, CancellationToken cancellationToken)
    {
        var now = effects.Where(e => Route(e).Timing == EffectTiming.BeforeAnswering && inFlight.TryAdd((e.Owner, e.Key), 0)).ToList();
        Enqueue(effects.Where(e => Route(e).Timing == EffectTiming.InBackground));
        if (now.Count == 0)
        {
            return;
        }

        try
        {
            await DeliverBatchAsync(now, cancellationToken);
            delivered.Add(now.Count);
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

    /// <summary>Hands effects to the background dispatch (those already on their way are skipped).</summary>
    public void Enqueue(IEnumerable<PendingEffect> effects)
    {
        foreach (var effect in effects)
        {
            if (inFlight.TryAdd((effect.Owner, effect.Key), 0))
            {
                queue.Writer.TryWrite(effect);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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

    private async Task DispatchAsync(List<PendingEffect> batch, CancellationToken cancellationToken)
    {
        try
        {
            await retry.ExecuteAsync(async token => await DeliverBatchAsync(batch, token), cancellationToken);
            delivered.Add(batch.Count);
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
                await DeliverBatchAsync([effect], cancellationToken);
                delivered.Add(1);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogAbandoned(logger, effect.Owner.Partition, effect.Key, e);
                abandoned.Add(1);
            }
        }
    }

    /// <summary>Each effect type to its handler, in the order the types first appear, then the delivered rows are forgotten.</summary>
    private async Task DeliverBatchAsync(IReadOnlyList<PendingEffect> effects, CancellationToken cancellationToken)
    {
        foreach (var type in effects.GroupBy(e => e.Effect.GetType()))
        {
            await routes[type.Key].Deliver(services, type.ToList(), cancellationToken);
        }

        foreach (var owner in effects.GroupBy(e => e.Owner))
        {
            await outboxes[owner.Key.Outbox].CompleteAsync(owner.Key.Partition, owner.Select(e => e.Key).Distinct().ToList(), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Count} outbox effects together kept failing ({Reason}); delivering them one by one.")]
    private static partial void LogSplitting(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox effect {Key} of {Subject} could not be delivered; it stays in the outbox until its aggregate is next loaded.")]
    private static partial void LogAbandoned(ILogger logger, string subject, string key, Exception exception);
}
