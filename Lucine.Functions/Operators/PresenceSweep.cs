using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>
/// Makes "online" mean "connected": an online operator whose last realtime connection has been gone
/// for <see cref="OperatorOptions.PresenceGrace"/> becomes away, and their chats are handed over
/// (<see cref="OperatorDeparture.HandOverAsync"/>). Presence is read from the stored accounts, so any
/// instance may sweep, and two sweeping at once hand over once: only the one whose write turned the
/// operator away goes on.
/// </summary>
public sealed class PresenceSweep(OperatorStore operators, OperatorDeparture departure, IOptions<OperatorOptions> options, TimeProvider clock)
{
    /// <summary>The timer function, and the name of its schedule (Timers:SweepPresence).</summary>
    public const string Timer = "SweepPresence";

    /// <summary>Returns how many operators it turned away.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var turnedAway = 0;
        foreach (var account in await operators.ListAsync(cancellationToken))
        {
            if (!Lapsed(account, clock.GetUtcNow()))
            {
                continue;
            }

            var (before, away) = await operators.ChangeAsync(account.Username, current => Lapsed(current, clock.GetUtcNow())
                ? current with { Availability = OperatorAvailability.Away, PresenceLapsed = true }
                : null, cancellationToken);
            if (away is not null && !ReferenceEquals(before, away))
            {
                turnedAway++;
                await departure.HandOverAsync(away, StorageScope.Sweep, cancellationToken);
            }
        }

        return turnedAway;
    }

    private bool Lapsed(OperatorAccount account, DateTimeOffset now) =>
        account is { Availability: OperatorAvailability.Online, Connections.Count: 0, DisconnectedAt: { } gone } && now - gone >= options.Value.PresenceGrace;
}

/// <summary>Sweeps presence on the <see cref="PresenceSweep.Timer"/> schedule in standalone mode.</summary>
public sealed class PresenceSweeper(
    PresenceSweep sweep, IOptions<OperatorOptions> options, IOptionsMonitor<TimerSchedule> schedules, TimeProvider clock, ILogger<PresenceSweeper> logger)
    : PeriodicWork(PresenceSweep.Timer, schedules, clock, logger)
{
    protected override bool Enabled => options.Value.RunInBackground;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);
}
