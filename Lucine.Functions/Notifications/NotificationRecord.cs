using Lucine.Functions.Storage;

namespace Lucine.Functions.Notifications;

/// <summary>Where a notification stands. Pending until a provider accepts it; failed is final.</summary>
public enum NotificationStatus
{
    Pending,
    Sent,
    Delivered,
    Read,
    Failed,
}

/// <summary>The one rule for how a notification's status changes.</summary>
public static class NotificationStatuses
{
    /// <summary>
    /// The status after a provider reports <paramref name="reported"/>: it only moves forward (a late
    /// "sent" does not undo "delivered"); a failure (even a bounce after delivery) is final.
    /// </summary>
    public static NotificationStatus Advance(this NotificationStatus current, NotificationStatus reported) =>
        current == NotificationStatus.Failed || reported == NotificationStatus.Failed
            ? NotificationStatus.Failed
            : (NotificationStatus)Math.Max((int)current, (int)reported);
}

/// <summary>What a send attempt's result is called in a notification's history.</summary>
public static class AttemptOutcomes
{
    public static AttemptOutcome AsAttemptOutcome(this SendResult result) => result switch
    {
        SendResult.Sent => AttemptOutcome.Sent,
        SendResult.Retryable => AttemptOutcome.Retryable,
        _ => AttemptOutcome.Rejected,
    };
}

/// <summary>What an entry of a notification's history records.</summary>
public enum AttemptOutcome
{
    /// <summary>We sent it and the provider accepted it.</summary>
    Sent,

    /// <summary>We sent it and it failed in a way worth retrying.</summary>
    Retryable,

    /// <summary>We sent it and the provider refused it for good.</summary>
    Rejected,

    /// <summary>The provider reported on it later (status callback, event webhook).</summary>
    Reported,
}

/// <summary>One request to a provider, or one report from it, about a notification.</summary>
/// <param name="Status">The provider's own status word for a report ("delivered", "undelivered", "bounce"…).</param>
public sealed record DeliveryAttempt(DateTimeOffset At, string Provider, string? ProviderMessageId, AttemptOutcome Outcome, string? Status, string? Error);

/// <summary>A notification as stored, with its delivery history (the latest <see cref="NotificationStore.MaxHistory"/> entries).</summary>
public sealed record NotificationRecord(Notification Notification, NotificationStatus Status, DateTimeOffset QueuedAt)
{
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Send attempts so far (each may include a few quick retries).</summary>
    public int AttemptCount { get; init; }

    /// <summary>When a pending notification is tried again.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The provider that accepted it and its id of the message.</summary>
    public string? Provider { get; init; }

    public string? ProviderMessageId { get; init; }

    public IReadOnlyList<DeliveryAttempt> Attempts { get; init; } = [];

    /// <summary>The attempt that holds this notification now, and until when: nobody else sends it meanwhile.</summary>
    internal string? ClaimId { get; init; }

    internal DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>The inbox has been told that this failed notification's contact is undeliverable.</summary>
    internal bool UndeliverableReported { get; init; }

    internal NotificationAddress Address => NotificationAddress.Of(Notification);

    internal NotificationRecord With(DeliveryAttempt attempt, DateTimeOffset now) => this with
    {
        Attempts = [.. Attempts.Append(attempt with { Error = Shorten(attempt.Error) }).TakeLast(NotificationStore.MaxHistory)],
        UpdatedAt = now,
    };

    /// <summary>
    /// The notification after this attempt: its tries in the history and, if the attempt still holds
    /// it, the status the outcome calls for. An attempt that outlived its claim only adds history.
    /// </summary>
    internal NotificationRecord AfterAttempt(
        string claimId, IReadOnlyList<DeliveryAttempt> tries, SendOutcome outcome, string provider, DateTimeOffset now, NotificationOptions settings)
    {
        var current = this;
        var next = tries.Aggregate(current, (record, attempt) => record.With(attempt, now));
        if (outcome.Result == SendResult.Sent)
        {
            next = next with
            {
                Status = current.Status.Advance(NotificationStatus.Sent),
                Provider = provider,
                ProviderMessageId = outcome.MessageId,
            };
        }

        if (current.ClaimId != claimId)
        {
            return next;
        }

        next = next with { ClaimId = null, ClaimedUntil = null };
        return outcome.Result switch
        {
            SendResult.Rejected => next with { Status = NotificationStatus.Failed },
            SendResult.Retryable when current.Status != NotificationStatus.Pending => next,
            SendResult.Retryable when current.AttemptCount >= settings.MaxAttempts => next with { Status = NotificationStatus.Failed },
            SendResult.Retryable => next with { NextAttemptAt = now + settings.RetryDelay(current.AttemptCount) },
            _ => next,
        };
    }

    private static string? Shorten(string? error) =>
        error is { Length: > NotificationStore.MaxErrorLength } ? error[..(NotificationStore.MaxErrorLength - 1)] + "…" : error;
}

/// <summary>Where a notification's row is: in its ticket's partition (so a ticket's notifications are one read), keyed by its key.</summary>
internal readonly record struct NotificationAddress(string Partition, string Row)
{
    private const string NoTicket = "none";

    public static NotificationAddress Of(Notification notification) => For(notification.Key, notification.Ticket);

    public static NotificationAddress For(string key, string? ticket) => new(TicketPartition(ticket), TableKey.For(key));

    public static string TicketPartition(string? ticket) => ticket is null ? NoTicket : "t-" + TableKey.For(ticket);

    /// <summary>As a due-index subject: one string without '/', '\', '#', '?'.</summary>
    public string Subject => Partition + "." + Row;

    public static NotificationAddress? FromSubject(string subject) =>
        subject.Split('.') is [var partition, var row] ? new NotificationAddress(partition, row) : null;
}
