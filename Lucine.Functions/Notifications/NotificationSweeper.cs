using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>Sends due notifications on the <see cref="Timer"/> schedule in standalone mode.</summary>
public sealed class NotificationSweeper(
    NotificationQueue queue, IOptions<NotificationOptions> options, IOptionsMonitor<TimerSchedule> schedules, TimeProvider clock, ILogger<NotificationSweeper> logger)
    : PeriodicWork(Timer, schedules, clock, logger)
{
    /// <summary>The timer function, and the name of its schedule (Timers:SendNotifications).</summary>
    public const string Timer = "SendNotifications";

    protected override bool Enabled => options.Value.RunInBackground;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => queue.RunOnceAsync(cancellationToken);
}
