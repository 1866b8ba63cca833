using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>The sessions' clock tick: every session whose deadline is due gets <see cref="DeadlineReached"/>.</summary>
public sealed class DeadlineSweep(AggregateSweeper sweeper, SessionAggregate sessions, IOptions<DeadlineOptions> options)
{
    /// <summary>The timer function, and the name of its schedule (Timers:SweepDeadlines).</summary>
    public const string Timer = "SweepDeadlines";

    public Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken) =>
        sweeper.SweepAsync(sessions, new DeadlineReached(), options.Value.MaxPerSweep, cancellationToken);
}

/// <summary>Sweeps on the <see cref="DeadlineSweep.Timer"/> schedule in standalone mode.</summary>
public sealed class DeadlineSweeper(
    DeadlineSweep sweep, IOptions<DeadlineOptions> options, IOptionsMonitor<TimerSchedule> schedules, TimeProvider clock, ILogger<DeadlineSweeper> logger)
    : PeriodicWork(DeadlineSweep.Timer, schedules, clock, logger)
{
    protected override bool Enabled => options.Value.RunInBackground;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);
}
