using Lucine.Domain.Sessions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Queue;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>
/// The durable timers' clock tick: reads only the index entries that are due, feeds each session a
/// <see cref="DeadlineReached"/>, and removes the entry. The session's state decides: an entry for a
/// deadline that moved is rescheduled at the real time, one for a deadline already handled (by a
/// previous sweep that crashed before removing it, or by another instance) changes nothing.
/// </summary>
public sealed partial class DeadlineSweep(
    DeadlineIndex index,
    SessionProcessor processor,
    OperatorReservations reservations,
    ParkClock clock,
    IOptions<DeadlineOptions> options,
    ILogger<DeadlineSweep> logger)
{
    public async Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Sweep);
        var now = clock.Now;
        return await index.SweepAsync(now, options.Value.MaxPerSweep, async (entry, token) =>
        {
            if (!SessionId.TryParse(entry.Subject, out var session))
            {
                return SweepStep.Nothing;
            }

            var step = SweepStep.Nothing;
            var decision = await processor.ApplyAsync(session, async (state, inner) =>
            {
                if (state.Deadline is not { } deadline)
                {
                    return null;
                }

                if (deadline.At > now)
                {
                    // The deadline moved later since this entry was written: wait for it there.
                    await index.AddAsync(state.Id, deadline.At, inner);
                    step = SweepStep.Rescheduled;
                    return null;
                }

                if (deadline.Kind != DeadlineKind.OperatorFirstResponseReassign)
                {
                    return new PreparedInput(new DeadlineReached());
                }

                var (routing, hold) = await reservations.PrepareAsync(state.Id, except: state.Operator?.Username, inner);
                return new PreparedInput(new DeadlineReached(routing), hold);
            }, StorageScope.Sweep, token);
            return decision is { IsNoChange: false } ? SweepStep.Fired : step;
        }, (entry, e) => LogFailed(logger, entry.Subject, e), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The deadline of session {SessionId} could not be handled; the next sweep retries.")]
    private static partial void LogFailed(ILogger logger, string sessionId, Exception exception);
}

/// <summary>Sweeps every <see cref="DeadlineOptions.SweepInterval"/> in standalone mode.</summary>
public sealed class DeadlineSweeper(DeadlineSweep sweep, IOptions<DeadlineOptions> options, TimeProvider clock, ILogger<DeadlineSweeper> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.RunInBackground;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);
}
