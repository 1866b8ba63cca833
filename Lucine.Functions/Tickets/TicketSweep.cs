using Lucine.Domain.Tickets;
using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>
/// The tickets' clock tick: reads only the due index entries, lets each ticket decide (SLA warning,
/// breach, automatic close), delivers leftover effects on the way, and removes the entry. An entry for
/// a check that moved later is rescheduled at the real time.
/// </summary>
public sealed partial class TicketSweep(TicketDueIndex index, TicketDesk desk, CurrentWorkflows workflows, ParkClock clock, IOptions<TicketOptions> options, ILogger<TicketSweep> logger)
{
    public async Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Sweep);
        var workflow = (await workflows.CurrentAsync(cancellationToken)).Tickets;
        var now = clock.Now;
        return await index.SweepAsync(now, options.Value.MaxPerSweep, async (entry, token) =>
        {
            if (!TicketNumber.TryParse(entry.Subject, out var number))
            {
                return SweepStep.Nothing;
            }

            var step = SweepStep.Nothing;
            var decision = await desk.ApplyAsync(number, async (state, inner) =>
            {
                if (workflow.NextCheck(state) is { } next && next > now)
                {
                    await index.AddAsync(number.ToString(), next, inner);
                    step = SweepStep.Rescheduled;
                    return null;
                }

                return new TicketTimeReached();
            }, token);
            return decision is { IsNoChange: false } ? SweepStep.Fired : step;
        }, (entry, e) => LogFailed(logger, entry.Subject, e), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ticket {Number} could not be swept; the next sweep retries.")]
    private static partial void LogFailed(ILogger logger, string number, Exception exception);
}

/// <summary>Sweeps every <see cref="TicketOptions.SweepInterval"/> in standalone mode.</summary>
public sealed class TicketSweeper(TicketSweep sweep, IOptions<TicketOptions> options, TimeProvider clock, ILogger<TicketSweeper> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.RunInBackground;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);
}
