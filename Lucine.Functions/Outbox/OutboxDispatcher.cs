using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Lucine.Domain;
using Lucine.Domain.Queue;
using Lucine.Domain.Sessions;
using Lucine.Functions.Operators;
using Lucine.Functions.Queue;
using Lucine.Functions.Realtime;
using Lucine.Functions.Storage;
using Lucine.Functions.Tickets;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Lucine.Functions.Outbox;

/// <summary>
/// Carries out the effects a session decision committed to its outbox, after the commit and off the
/// visitor's request: reports, realtime pushes, the queue index, operators' capacity. Delivery is
/// idempotent and retried; an effect that still fails stays in its outbox row and is handed over again
/// when its session is next loaded (every live session is, by its deadline). Nothing is lost on restart.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    public const string MeterName = "Lucine.Outbox";
    public const string DeliveredInstrument = "lucine.outbox.delivered";
    public const string AbandonedInstrument = "lucine.outbox.abandoned";

    private readonly IAnalyticsStore analytics;
    private readonly ISessionStore sessions;
    private readonly RealtimePublisher realtime;
    private readonly QueueIndex queueIndex;
    private readonly OperatorStore operators;
    private readonly RoutingSignal routing;
    private readonly TicketDesk tickets;
    private readonly OutboxOptions options;
    private readonly ILogger<OutboxDispatcher> logger;
    private readonly ResiliencePipeline retry;
    private readonly Counter<long> delivered;
    private readonly Counter<long> abandoned;
    private readonly Channel<PendingEffect> queue = Channel.CreateUnbounded<PendingEffect>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Effects queued or being delivered by this process, so that one handed over twice is delivered once.</summary>
    private readonly ConcurrentDictionary<(SessionId, string), byte> inFlight = new();

    public OutboxDispatcher(
        IAnalyticsStore analytics,
        ISessionStore sessions,
        RealtimePublisher realtime,
        QueueIndex queueIndex,
        OperatorStore operators,
        RoutingSignal routing,
        TicketDesk tickets,
        IOptions<OutboxOptions> options,
        TimeProvider clock,
        IMeterFactory meters,
        ILogger<OutboxDispatcher> logger)
    {
        this.analytics = analytics;
        this.sessions = sessions;
        this.realtime = realtime;
        this.queueIndex = queueIndex;
        this.operators = operators;
        this.routing = routing;
        this.tickets = tickets;
        this.options = options.Value;
        this.logger = logger;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (this.options.MaxAttempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = this.options.MaxAttempts - 1,
                Delay = this.options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    LogRetrying(logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }

        retry = pipeline.Build();
        var meter = meters.Create(MeterName);
        delivered = meter.CreateCounter<long>(DeliveredInstrument, description: "Outbox effects delivered");
        abandoned = meter.CreateCounter<long>(AbandonedInstrument, description: "Outbox effects left for a later load after repeated failures");
    }

    public void Enqueue(IEnumerable<PendingEffect> effects)
    {
        foreach (var effect in effects)
        {
            if (inFlight.TryAdd((effect.SessionId, effect.Key), 0))
            {
                queue.Writer.TryWrite(effect);
            }
        }
    }

    /// <summary>
    /// Delivers effects right away, in the request that committed them, so that the caller's answer
    /// already reflects them (the queue, the operator's capacity, the other side's screen). What fails
    /// is left to the background dispatch and its retries.
    /// </summary>
    public async Task DeliverNowAsync(IReadOnlyList<PendingEffect> effects, CancellationToken cancellationToken)
    {
        var mine = effects.Where(e => inFlight.TryAdd((e.SessionId, e.Key), 0)).ToList();
        if (mine.Count == 0)
        {
            return;
        }

        try
        {
            await DeliverAsync(mine, cancellationToken);
            delivered.Add(mine.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRetrying(logger, 1, options.FirstRetryDelay, e.Message);
            mine.ForEach(effect => inFlight.TryRemove((effect.SessionId, effect.Key), out _));
            Enqueue(mine);
            return;
        }

        mine.ForEach(effect => inFlight.TryRemove((effect.SessionId, effect.Key), out _));
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
                    batch.ForEach(effect => inFlight.TryRemove((effect.SessionId, effect.Key), out _));
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
            await retry.ExecuteAsync(async token => await DeliverAsync(batch, token), cancellationToken);
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
            LogAbandoned(logger, batch[0].SessionId.Value, batch[0].Key, e);
            abandoned.Add(1);
            return;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage rejected something in the batch: one bad effect must not hold back the others.
            LogSplitting(logger, batch.Count, e.Message);
        }

        foreach (var effect in batch)
        {
            try
            {
                await DeliverAsync([effect], cancellationToken);
                delivered.Add(1);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogAbandoned(logger, effect.SessionId.Value, effect.Key, e);
                abandoned.Add(1);
            }
        }
    }

    private async Task DeliverAsync(IReadOnlyList<PendingEffect> effects, CancellationToken cancellationToken)
    {
        var records = new List<AnalyticsRecord>();
        var queueMoves = new List<SessionId>();
        var capacityFreed = false;
        foreach (var pending in effects)
        {
            switch (pending.Effect)
            {
                case RecordAnalytics analytic:
                    records.Add(new AnalyticsRecord($"{pending.SessionId.Value}-{pending.Key}", analytic.Event));
                    break;
                case PublishUpdate update:
                    await realtime.PublishAsync(pending.SessionId, update, cancellationToken);
                    break;
                case QueueMoved moved:
                    await queueIndex.ApplyAsync(pending.SessionId, moved, cancellationToken);
                    queueMoves.Add(pending.SessionId);
                    break;
                case ReleaseOperator release:
                    await operators.ReleaseAsync(release.Username, pending.SessionId, cancellationToken);
                    capacityFreed = true;
                    break;
                case AlertOperator alert:
                    await realtime.AlertAsync(pending.SessionId, alert, cancellationToken);
                    break;
                case OpenTicket ticket:
                    await tickets.OpenFromChatAsync(pending.SessionId, ticket, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"No delivery is defined for {pending.Effect.GetType().Name}.");
            }
        }

        if (records.Count > 0)
        {
            await analytics.RecordAsync(records.DistinctBy(r => r.Key).ToList(), cancellationToken);
        }

        if (queueMoves.Count > 0)
        {
            // One look at the queue for the whole batch: every waiting visitor learns their new place.
            var queue = await queueIndex.ListAsync(cancellationToken);
            var staffing = OperatorRouting.Staffing((await operators.ListAsync(cancellationToken)).Select(o => o.Load).ToList());
            await realtime.QueueMovedAsync(queueMoves.Distinct().ToList(), queue, staffing, cancellationToken);
        }

        if (capacityFreed || queueMoves.Count > 0)
        {
            routing.Raise();
        }

        foreach (var session in effects.GroupBy(p => p.SessionId))
        {
            await sessions.CompleteEffectsAsync(session.Key, session.Select(p => p.Key).Distinct().ToList(), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering outbox effects failed; attempt {Attempt} in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage is unavailable ({Reason}): {Count} outbox effects stay in the outbox until their sessions are next loaded.")]
    private static partial void LogOutage(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Count} outbox effects together kept failing ({Reason}); delivering them one by one.")]
    private static partial void LogSplitting(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox effect {Key} of session {SessionId} could not be delivered; it stays in the outbox until the session is next loaded.")]
    private static partial void LogAbandoned(ILogger logger, string sessionId, string key, Exception exception);
}
