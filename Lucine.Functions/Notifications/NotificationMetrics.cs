using System.Diagnostics.Metrics;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Notifications that failed for good, counted by the one writer whose ETag-guarded update turned
/// them <see cref="NotificationStatus.Failed"/>, so once each whatever the sweeps and reports repeat.
/// </summary>
public sealed class NotificationMetrics(IMeterFactory meters)
{
    public const string MeterName = "Lucine.Notifications";
    public const string FailedInstrument = "lucine.notifications.failed";

    /// <summary>The provider refused it for good when we sent it.</summary>
    public const string Rejected = "rejected";

    /// <summary>Every attempt failed in a way worth retrying, up to Notifications:MaxAttempts.</summary>
    public const string GaveUp = "gave_up";

    /// <summary>The provider took it, then reported it undeliverable (undelivered, bounced, dropped).</summary>
    public const string Undeliverable = "undeliverable";

    private readonly Counter<long> failed = meters.Create(MeterName).CreateCounter<long>(
        FailedInstrument, description: "Notifications that failed for good, by channel (email, whats_app, sms) and reason (rejected, gave_up, undeliverable)");

    /// <summary>Counts the change from <paramref name="before"/> to <paramref name="after"/> if it is the one that failed the notification.</summary>
    internal void Changed(NotificationRecord before, NotificationRecord after, string reason)
    {
        if (before.Status != NotificationStatus.Failed && after.Status == NotificationStatus.Failed)
        {
            failed.Add(1, new KeyValuePair<string, object?>("channel", Wire.Name(after.Notification.Channel)), new KeyValuePair<string, object?>("reason", reason));
        }
    }
}
