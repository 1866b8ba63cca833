namespace Lucine.Functions.Notifications;

/// <summary>A provider's word on a message it took: its own status name and, for ours, what it means.</summary>
/// <param name="Status">What the provider called it ("delivered", "undelivered", "bounce"…), kept in the history as is.</param>
/// <param name="Means">The notification status it amounts to; null when it changes nothing (deferred, queued again…).</param>
public sealed record DeliveryReport(string Provider, string? ProviderMessageId, string Status, NotificationStatus? Means, string? Error);

/// <summary>
/// Applies the providers' reports (Twilio status callbacks, SendGrid events) to notifications: the
/// history records each report, the status only moves forward, and a failure reaches the ticket inbox once.
/// </summary>
public sealed class DeliveryReports(NotificationStore store, UndeliverableContacts undeliverable, NotificationMetrics metrics, TimeProvider clock)
{
    /// <summary>For a report naming the provider's message id. False: no notification of ours has that id.</summary>
    public async Task<bool> ApplyAsync(DeliveryReport report, CancellationToken cancellationToken) =>
        report.ProviderMessageId is { Length: > 0 } messageId
        && await store.FindAddressAsync(messageId, cancellationToken) is { } address
        && await ApplyAsync(address, report, cancellationToken);

    /// <summary>For a report naming the notification itself (SendGrid's custom_args). False: no such notification.</summary>
    public Task<bool> ApplyAsync(string key, string? ticket, DeliveryReport report, CancellationToken cancellationToken) =>
        ApplyAsync(NotificationAddress.For(key, ticket), report, cancellationToken);

    /// <summary>A refusal for a message that names its ticket but is not (or no longer) stored: the inbox still learns of the contact.</summary>
    public Task ReportUnmatchedFailureAsync(string? ticket, ContactChannel channel, string address, DeliveryReport report, CancellationToken cancellationToken) =>
        undeliverable.ReportUnmatchedAsync(ticket, channel, address, $"{report.Provider} {report.Status}{(report.Error is null ? string.Empty : ": " + report.Error)}", cancellationToken);

    private async Task<bool> ApplyAsync(NotificationAddress address, DeliveryReport report, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entry = new DeliveryAttempt(now, report.Provider, report.ProviderMessageId, AttemptOutcome.Reported, report.Status, report.Error);
        var update = await store.UpdateAsync(
            address,
            current => current.With(entry, now) with { Status = report.Means is { } means ? current.Status.Advance(means) : current.Status },
            cancellationToken);
        if (update is not var (before, after))
        {
            return false;
        }

        metrics.Changed(before, after, NotificationMetrics.Undeliverable);

        await undeliverable.ReportAsync(after, cancellationToken);
        return true;
    }
}
