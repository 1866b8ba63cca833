using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>The sessions' clock tick: every session whose deadline is due gets <see cref="DeadlineReached"/>.</summary>
public sealed class DeadlineSweep(AggregateSweeper sweeper, SessionAggregate sessions, IOptions<DeadlineOptions> options)
{
    public Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken) =>
        sweeper.SweepAsync(sessions, new DeadlineReached(), options.Value.MaxPerSweep, cancellationToken);
}

/// <summary>Sweeps every <see cref="DeadlineOptions.SweepInterval"/> in standalone mode.</summary>
public sealed class DeadlineSweeper(DeadlineSweep sweep, IOptions<DeadlineOptions> options, TimeProvider clock, ILogger<DeadlineSweeper> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.RunInBackground;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);
}
