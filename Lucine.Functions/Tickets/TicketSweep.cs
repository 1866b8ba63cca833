using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>The tickets' clock tick: SLA warnings and breaches, automatic closes, effects left behind.</summary>
public sealed class TicketSweep(AggregateSweeper sweeper, TicketAggregate tickets, IOptions<TicketOptions> options)
{
    public Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken) =>
        sweeper.SweepAsync(tickets, new TicketTimeReached(), options.Value.MaxPerSweep, cancellationToken);
}

/// <summary>Sweeps every <see cref="TicketOptions.SweepInterval"/> in standalone mode.</summary>
public sealed class TicketSweeper(TicketSweep sweep, IOptions<TicketOptions> options, TimeProvider clock, ILogger<TicketSweeper> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.RunInBackground;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);
}
