using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Queue;

/// <summary>
/// Gives queued chats to operators who can take them: the longest-waiting, highest-priority chat to
/// the least-loaded online operator (round robin among equals), until either runs out. Runs when
/// capacity frees up or the queue moves (signalled by the outbox), when asked (an operator comes
/// online), and periodically as a safety net. One pass at a time per process; across processes the
/// reservations and the session's ETag keep it right.
/// </summary>
public sealed partial class QueueRouter(
    QueueIndex queue,
    OperatorStore operators,
    Conversations conversations,
    RoutingSignal signal,
    TimeProvider clock,
    IOptions<RoutingOptions> options,
    IOptionsMonitor<TimerSchedule> schedules,
    ILogger<QueueRouter> logger) : BackgroundService
{
    /// <summary>The timer function, and the name of the safety net's schedule (Timers:RouteQueue).</summary>
    public const string Timer = "RouteQueue";

    private const int MaxRounds = 500;
    private readonly SemaphoreSlim pass = new(1, 1);

    /// <summary>Routes until nobody waiting can be given to anybody. Returns the number of chats assigned.</summary>
    /// <remarks>
    /// The queue and the operators are read once per pass and kept up to date locally as chats are
    /// given; they are read again only when a reservation loses a race with another instance.
    /// </remarks>
    public async Task<int> RouteAsync(CancellationToken cancellationToken)
    {
        await pass.WaitAsync(cancellationToken);
        try
        {
            var waiting = new Queue<SessionId>((await queue.ListAsync(cancellationToken)).Select(q => q.Entry.SessionId));
            if (waiting.Count == 0)
            {
                return 0;
            }

            var loads = (await operators.ListAsync(cancellationToken)).ToDictionary(o => o.Username, o => o.Load);
            var assigned = 0;

            // Bounded: each round gives a chat, drops a stale entry, or re-reads after a lost race.
            for (var round = 0; round < MaxRounds && waiting.Count > 0; round++)
            {
                if (OperatorRouting.Choose(loads.Values) is not { } candidate)
                {
                    break;
                }

                var next = waiting.Peek();
                var (reservation, account) = await operators.ReserveAsync(candidate.Username, next, clock.GetUtcNow(), requireOnline: true, cancellationToken);
                if (reservation == Reservation.AlreadyHeld)
                {
                    // Another path is giving this chat to that operator right now: leave it to it.
                    waiting.Dequeue();
                    continue;
                }

                if (reservation != Reservation.Reserved || account is null)
                {
                    loads = (await operators.ListAsync(cancellationToken)).ToDictionary(o => o.Username, o => o.Load);
                    continue;
                }

                waiting.Dequeue();
                // The slot goes with the chat; should the chat refuse it, the runner gives it back.
                var run = await conversations.RunAsync(
                    next, new OperatorTakes(account.Ref, ByRouting: true, new OperatorSlot(reservation, account.Ref)), new RunOptions(StorageScope.Routing), cancellationToken);
                if (run.Rejection is not null)
                {
                    // Left the queue meanwhile (or never existed): the index row is stale.
                    await queue.RemoveAsync(next, cancellationToken);
                    continue;
                }

                loads[account.Username] = account.Load;
                assigned++;
                LogAssigned(logger, next.Value, account.Username);
            }

            return assigned;
        }
        finally
        {
            pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        var safetyNet = schedules.Get(Timer);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                await signal.WaitAsync(safetyNet.NextAfter(now) - now, stoppingToken);
                await RouteAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routed session {SessionId} to {Operator}.")]
    private static partial void LogAssigned(ILogger logger, string sessionId, string @operator);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing the queue failed; retrying at the next signal.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
