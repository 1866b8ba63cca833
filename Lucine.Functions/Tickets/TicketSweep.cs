using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>The tickets' clock tick: SLA warnings and breaches, automatic closes, effects left behind.</summary>
public sealed class TicketSweep(AggregateSweeper sweeper, TicketAggregate tickets, IOptions<TicketOptions> options)
{
    /// <summary>The timer function, and the name of its schedule (Timers:SweepTickets).</summary>
    public const string Timer = "SweepTickets";

    public Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken) =>
        sweeper.SweepAsync(tickets, new TicketTimeReached(), options.Value.MaxPerSweep, cancellationToken);
}

/// <summary>Sweeps on the <see cref="TicketSweep.Timer"/> schedule in standalone mode.</summary>
public sealed class TicketSweeper(
    TicketSweep sweep, IOptions<TicketOptions> options, IOptionsMonitor<TimerSchedule> schedules, TimeProvider clock, ILogger<TicketSweeper> logger)
    : PeriodicWork(TicketSweep.Timer, schedules, clock, logger)
{
    protected override bool Enabled => options.Value.RunInBackground;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);
}
