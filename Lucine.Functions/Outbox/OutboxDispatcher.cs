using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Lucine.Domain;
using Lucine.Domain.Sessions;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Outbox;

/// <summary>
/// Carries out the effects a session decision committed to its outbox, after the commit and off the
/// visitor's request. Delivery is idempotent and retried; an effect that still fails stays in the
/// outbox row and is picked up again the next time its session is loaded. Nothing is lost on restart.
/// </summary>
public sealed partial class OutboxDispatcher(
    IAnalyticsStore analytics,
    ISessionStore sessions,
    TimeProvider clock,
    IMeterFactory meters,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const string MeterName = "Lucine.Outbox";
    public const string DeliveredInstrument = "lucine.outbox.delivered";
    public const string AbandonedInstrument = "lucine.outbox.abandoned";

    private const int MaxBatch = 100;
    private const int MaxAttempts = 5;

    private readonly Counter<long> delivered = meters.Create(MeterName).CreateCounter<long>(DeliveredInstrument, description: "Outbox effects delivered");
    private readonly Counter<long> abandoned = meters.Create(MeterName).CreateCounter<long>(AbandonedInstrument, description: "Outbox effects left for a later load after repeated failures");

    private readonly Channel<PendingEffect> queue = Channel.CreateUnbounded<PendingEffect>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Effects queued or being delivered by this process. A session loaded before its effects
    /// were deleted hands them over again; those are not delivered twice.</summary>
    private readonly ConcurrentDictionary<(SessionId, string), byte> inFlight = new();

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Outbox);
        var batch = new List<PendingEffect>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var effect))
                {
                    batch.Add(effect);
                }

                try
                {
                    await DeliverWithRetriesAsync(batch, stoppingToken);
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

    private async Task DeliverWithRetriesAsync(IReadOnlyList<PendingEffect> batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DeliverAsync(batch, cancellationToken);
                delivered.Add(batch.Count);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt == MaxAttempts)
                {
                    LogGivingUp(logger, batch.Count, attempt, e);
                    abandoned.Add(batch.Count);
                    return;
                }

                LogRetrying(logger, batch.Count, attempt, delay, e.Message);
                await Task.Delay(delay, clock, cancellationToken);
                delay *= 2;
            }
        }
    }

    private async Task DeliverAsync(IReadOnlyList<PendingEffect> batch, CancellationToken cancellationToken)
    {
        var records = batch
            .Select(p => p.Effect is RecordAnalytics a ? new AnalyticsRecord($"{p.SessionId.Value}-{p.Key}", a.Event) : null)
            .OfType<AnalyticsRecord>()
            .DistinctBy(r => r.Key)
            .ToList();
        if (records.Count > 0)
        {
            await analytics.RecordAsync(records, cancellationToken);
        }

        foreach (var session in batch.GroupBy(p => p.SessionId))
        {
            await sessions.CompleteEffectsAsync(session.Key, session.Select(p => p.Key).Distinct().ToList(), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Count} outbox effects failed (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int count, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering {Count} outbox effects failed {Attempt} times; they stay in the outbox until their sessions are next loaded.")]
    private static partial void LogGivingUp(ILogger logger, int count, int attempt, Exception exception);
}
