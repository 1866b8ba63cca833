using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;
using Polly;

namespace Lucine.Functions.Notifications;

/// <summary>What one sweep did, for logs.</summary>
public sealed record NotificationSweepResult(int Due, int Sent, int Retrying, int Failed)
{
    public override string ToString() => $"due {Due}, sent {Sent}, retrying {Retrying}, failed {Failed}";
}

/// <summary>
/// The queue of messages to customers and staff outside the chat (WhatsApp, SMS, email): what the
/// ticket effects hand over, sent at least once and, in practice, exactly once. Unlike an aggregate's
/// outbox it talks to providers for hours (claims, backed-off retries, give-up, provider reports), so it
/// keeps its own due index and attempt history. Queuing stores each notification
/// (once per key) and indexes it as due, then tries it at once; the sweep tries what is due again.
/// Every attempt first claims the notification with an ETag-guarded write, so that two sweeps or two
/// instances never send it at the same time; the claim runs out only if its attempt crashed. A failed
/// attempt is retried later with a doubling delay, until it is sent, refused for good, or given up.
/// </summary>
public sealed partial class NotificationQueue
{
    private readonly NotificationStore store;
    private readonly NotificationRetryIndex index;
    private readonly ChannelRouter channels;
    private readonly UndeliverableContacts undeliverable;
    private readonly NotificationMetrics metrics;
    private readonly IOptions<NotificationOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<NotificationQueue> logger;
    private readonly ResiliencePipeline<SendOutcome> quickRetries;

    public NotificationQueue(
        NotificationStore store,
        NotificationRetryIndex index,
        ChannelRouter channels,
        UndeliverableContacts undeliverable,
        NotificationMetrics metrics,
        IOptions<NotificationOptions> options,
        TimeProvider clock,
        ILogger<NotificationQueue> logger)
    {
        this.store = store;
        this.index = index;
        this.channels = channels;
        this.undeliverable = undeliverable;
        this.metrics = metrics;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        var settings = options.Value;
        quickRetries = new ResiliencePipelineBuilder<SendOutcome> { TimeProvider = clock }
            .AddRetries(new RetryShape(settings.QuickRetries, settings.QuickRetryDelay), outcome => outcome.Result == SendResult.Retryable, (_, _, _) => { })
            .Build();
    }

    private enum Visit
    {
        /// <summary>Nothing left to do for this notification (sent before, failed and reported, or gone).</summary>
        Done,
        Sent,
        Retrying,
        Failed,

        /// <summary>Not due yet, or held by another attempt: indexed again for then.</summary>
        Waiting,

        /// <summary>Another attempt claimed it first; it takes care of it.</summary>
        Contended,
    }

    /// <summary>
    /// Stores and indexes each notification, then tries to send it right away. A key already queued is
    /// left as it is. A failed attempt does not throw: it is recorded and retried later. Throws
    /// <see cref="ArgumentException"/> before storing anything if a notification cannot be stored.
    /// </summary>
    public async Task QueueAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        foreach (var notification in notifications)
        {
            NotificationLimits.Check(notification);
        }

        var queued = new List<NotificationAddress>();
        foreach (var notification in notifications)
        {
            var address = NotificationAddress.Of(notification);
            if (await store.ReadAsync(address, cancellationToken) is not null)
            {
                continue;
            }

            // Indexed before it is stored: a crash in between leaves an entry the sweep drops, never a notification nobody sends.
            var now = clock.GetUtcNow();
            await index.AddAsync(address, now, cancellationToken);
            if (await store.AddAsync(new NotificationRecord(notification, NotificationStatus.Pending, now) { UpdatedAt = now }, cancellationToken))
            {
                queued.Add(address);
            }
        }

        foreach (var address in queued)
        {
            try
            {
                await VisitAsync(address, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogInlineFailed(logger, e);
            }
        }
    }

    /// <summary>Looks at every notification due now (at most <see cref="NotificationOptions.MaxPerSweep"/>), a few at a time.</summary>
    public async Task<NotificationSweepResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Notifications);
        var settings = options.Value;
        var due = await index.DueAsync(clock.GetUtcNow(), settings.MaxPerSweep, cancellationToken);
        int sent = 0, retrying = 0, failed = 0;
        await Parallel.ForEachAsync(
            due.GroupBy(entry => entry.Subject),
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentSends, CancellationToken = cancellationToken },
            async (entries, token) =>
            {
                try
                {
                    var visit = NotificationAddress.FromSubject(entries.Key) is { } address ? await VisitAsync(address, token) : Visit.Done;
                    switch (visit)
                    {
                        case Visit.Sent:
                            Interlocked.Increment(ref sent);
                            break;
                        case Visit.Retrying:
                            Interlocked.Increment(ref retrying);
                            break;
                        case Visit.Failed:
                            Interlocked.Increment(ref failed);
                            break;
                    }

                    // A contended entry stays: should the winner crash, the next sweep finds its claim and waits for it to run out.
                    if (visit != Visit.Contended)
                    {
                        foreach (var entry in entries)
                        {
                            await index.RemoveAsync(entry, token);
                        }
                    }
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    // The entry stays: the next sweep tries again.
                    LogSweepFailed(logger, entries.Key, e);
                }
            });
        return new NotificationSweepResult(due.Count, sent, retrying, failed);
    }

    /// <summary>Does what the notification's state calls for now: nothing, wait, report its failure, or an attempt.</summary>
    private async Task<Visit> VisitAsync(NotificationAddress address, CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(address, cancellationToken) is not var (record, etag))
        {
            return Visit.Done;
        }

        var now = clock.GetUtcNow();
        if (record.Status == NotificationStatus.Failed)
        {
            await undeliverable.ReportAsync(record, cancellationToken);
            return Visit.Done;
        }

        if (record.Status != NotificationStatus.Pending)
        {
            return Visit.Done;
        }

        if (record.NextAttemptAt > now || record.ClaimedUntil > now)
        {
            var later = new[] { record.NextAttemptAt, record.ClaimedUntil }.Max()!.Value;
            await index.AddAsync(address, later, cancellationToken);
            return Visit.Waiting;
        }

        return await AttemptAsync(record, etag, now, cancellationToken);
    }

    private async Task<Visit> AttemptAsync(NotificationRecord record, string etag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimId = Guid.NewGuid().ToString("N");
        var claimed = record with
        {
            AttemptCount = record.AttemptCount + 1,
            ClaimId = claimId,
            ClaimedUntil = now + settings.ClaimDuration,
            NextAttemptAt = null,
            UpdatedAt = now,
        };
        if (await store.TryReplaceAsync(claimed, etag, cancellationToken) is null)
        {
            return Visit.Contended;
        }

        var notification = record.Notification;
        var sender = channels.For(notification.Channel);
        var tries = new List<DeliveryAttempt>();
        var outcome = await quickRetries.ExecuteAsync(
            async token =>
            {
                var attempt = await SendOnceAsync(sender, notification, token);
                tries.Add(new DeliveryAttempt(clock.GetUtcNow(), sender.Provider, attempt.MessageId, attempt.Result.AsAttemptOutcome(), null, attempt.Error));
                return attempt;
            },
            cancellationToken);

        if (outcome.Result == SendResult.Sent && outcome.MessageId is { } messageId)
        {
            // Before the status: a provider's report may come back at once and must find the notification.
            await store.RememberMessageIdAsync(sender.Provider, messageId, claimed.Address, cancellationToken);
        }

        var settledAt = clock.GetUtcNow();
        if (await store.UpdateAsync(claimed.Address, current => current.AfterAttempt(claimId, tries, outcome, sender.Provider, settledAt, settings), cancellationToken)
            is not var (before, settled))
        {
            return Visit.Done;
        }

        metrics.Changed(before, settled, outcome.Result == SendResult.Rejected ? NotificationMetrics.Rejected : NotificationMetrics.GaveUp);

        switch (outcome.Result)
        {
            case SendResult.Sent:
                LogSent(logger, notification.Key, sender.Provider, outcome.MessageId);
                return Visit.Sent;
            case SendResult.Retryable when settled.NextAttemptAt is { } next:
                LogRetrying(logger, notification.Key, sender.Provider, claimed.AttemptCount, next, outcome.Error);
                await index.AddAsync(settled.Address, next, cancellationToken);
                return Visit.Retrying;
            default:
                if (settled.Status != NotificationStatus.Failed)
                {
                    return Visit.Done;
                }

                LogFailed(logger, notification.Key, sender.Provider, claimed.AttemptCount, outcome.Error);
                await undeliverable.ReportAsync(settled, cancellationToken);
                return Visit.Failed;
        }
    }

    /// <summary>One request; a sender's unexpected exception counts as a retryable failure, so that the attempt is still recorded.</summary>
    private async ValueTask<SendOutcome> SendOnceAsync(IChannelSender sender, Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.SendAsync(notification, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogSenderFailed(logger, sender.Provider, notification.Key, e);
            return SendOutcome.Retryable($"{e.GetType().Name}: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Key} sent through {Provider} as {MessageId}.")]
    private static partial void LogSent(ILogger logger, string key, string provider, string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Key} not sent through {Provider} (attempt {Attempt}); retrying at {NextAttemptAt:u}: {Error}")]
    private static partial void LogRetrying(ILogger logger, string key, string provider, int attempt, DateTimeOffset nextAttemptAt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Key} failed for good through {Provider} after {Attempts} attempts: {Error}")]
    private static partial void LogFailed(ILogger logger, string key, string provider, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Provider} sender failed unexpectedly on notification {Key}; the attempt counts as retryable.")]
    private static partial void LogSenderFailed(ILogger logger, string provider, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending a queued notification right away failed; the sweep tries again.")]
    private static partial void LogInlineFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Subject} could not be handled; the next sweep tries again.")]
    private static partial void LogSweepFailed(ILogger logger, string subject, Exception exception);
}
