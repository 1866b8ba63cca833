using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>Sends due notifications every <see cref="NotificationOptions.SweepInterval"/> in standalone mode.</summary>
public sealed class NotificationSweeper(NotificationQueue queue, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationSweeper> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.RunInBackground;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => queue.RunOnceAsync(cancellationToken);
}
