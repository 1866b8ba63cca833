using Lucine.Domain.Tickets;
using Lucine.Functions.Assistant;
using Lucine.Functions.Deadlines;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>
/// The tickets' clock tick: reads only the due index entries, lets each ticket decide (SLA warning,
/// breach, automatic close), delivers leftover effects on the way, and removes the entry. An entry for
/// a check that moved later is rescheduled at the real time.
/// </summary>
public sealed partial class TicketSweep(TicketDueIndex index, TicketDesk desk, TicketWorkflow workflow, ParkClock clock, IOptions<TicketOptions> options, ILogger<TicketSweep> logger)
{
    public async Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Sweep);
        var now = clock.Now;
        var due = await index.DueAsync(now, options.Value.MaxPerSweep, cancellationToken);
        int fired = 0, rescheduled = 0;
        foreach (var entry in due)
        {
            if (!TicketNumber.TryParse(entry.Subject, out var number))
            {
                await index.RemoveAsync(entry, cancellationToken);
                continue;
            }

            try
            {
                var decision = await desk.ApplyAsync(number, async (state, token) =>
                {
                    if (workflow.NextCheck(state) is { } next && next > now)
                    {
                        await index.AddAsync(number.ToString(), next, token);
                        rescheduled++;
                        return null;
                    }

                    return new TicketTimeReached();
                }, cancellationToken);
                if (decision is { IsNoChange: false })
                {
                    fired++;
                }

                await index.RemoveAsync(entry, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, entry.Subject, e);
            }
        }

        return new SweepResult(due.Count, fired, rescheduled);
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
