using Lucine.Functions.Notifications;

namespace Lucine.Functions.Tests.Notifications;

/// <summary>
/// Providers that fail, hang or refuse: nothing is lost, retries come on the test's clock through the
/// real sweep (POST /SendNotifications), and a notification is sent once however many sweeps look at it.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class OutageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ManualClock clock = new(MessagingHost.Start);
    private readonly RecordingInbox inbox = new();
    private FakeProvider provider = null!;

    public async Task InitializeAsync() => provider = await FakeProvider.StartAsync();

    public async Task DisposeAsync() => await provider.DisposeAsync();

    private Task<LucineHost> StartAsync(Action<Dictionary<string, string?>>? more = null) =>
        MessagingHost.StartAsync(azurite, provider, inbox, clock, more);

    [Fact]
    public async Task Server_errors_leave_it_pending_with_every_try_recorded_until_a_later_sweep_sends_it_once()
    {
        await using var host = await StartAsync(s =>
        {
            s["Notifications:QuickRetries"] = "2";
            s["Notifications:QuickRetryDelay"] = "00:00:00.010";
        });
        provider.Mode = ProviderMode.ServerError;
        var sms = MessagingHost.Sms();

        await host.QueueAsync(sms);

        var pending = await host.StoredAsync(sms);
        Assert.Equal(NotificationStatus.Pending, pending.Status);
        Assert.Equal(1, pending.AttemptCount);
        Assert.Equal(3, pending.Attempts.Count);
        Assert.All(pending.Attempts, a => Assert.Equal((AttemptOutcome.Retryable, "twilio", "HTTP 500"), (a.Outcome, a.Provider, a.Error)));
        Assert.Equal(MessagingHost.Start + TimeSpan.FromMinutes(1), pending.NextAttemptAt);
        Assert.Equal(3, provider.Requests.Count);

        provider.Mode = ProviderMode.Healthy;
        clock.Advance(TimeSpan.FromSeconds(59));
        await host.SweepAsync();
        Assert.Equal(3, provider.Requests.Count);

        clock.Advance(TimeSpan.FromSeconds(2));
        await host.SweepAsync();
        await host.SweepAsync();
        clock.Advance(TimeSpan.FromHours(2));
        await host.SweepAsync();

        var sent = Assert.Single(provider.Accepted);
        Assert.Equal(4, provider.Requests.Count);
        var stored = await host.StoredAsync(sms);
        Assert.Equal(NotificationStatus.Sent, stored.Status);
        Assert.Equal(sent.AnsweredId, stored.ProviderMessageId);
        Assert.Equal(2, stored.AttemptCount);
        Assert.Equal(AttemptOutcome.Sent, stored.Attempts[^1].Outcome);
        Assert.Null(stored.NextAttemptAt);
    }

    [Fact]
    public async Task A_provider_that_never_answers_times_out_and_the_retry_sends_it_once()
    {
        await using var host = await StartAsync(s =>
        {
            s["Notifications:RequestTimeout"] = "00:00:00.500";
            s["Notifications:ClaimDuration"] = "00:00:10";
        });
        provider.Mode = ProviderMode.Silent;
        var email = MessagingHost.Email();

        await host.QueueAsync(email);

        var pending = await host.StoredAsync(email);
        Assert.Equal(NotificationStatus.Pending, pending.Status);
        var timedOut = Assert.Single(pending.Attempts);
        Assert.Equal(AttemptOutcome.Retryable, timedOut.Outcome);
        Assert.StartsWith("no answer within", timedOut.Error);
        Assert.Equal(MessagingHost.Start + TimeSpan.FromMinutes(1), pending.NextAttemptAt);

        provider.Mode = ProviderMode.Healthy;
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.SweepAsync();
        await host.SweepAsync();

        Assert.Equal(2, provider.Requests.Count);
        var stored = await host.StoredAsync(email);
        Assert.Equal(NotificationStatus.Sent, stored.Status);
        Assert.Equal(Assert.Single(provider.Accepted).AnsweredId, stored.ProviderMessageId);
    }

    [Fact]
    public async Task A_twilio_request_that_gets_no_answer_is_retried_like_any_other()
    {
        await using var host = await StartAsync(s =>
        {
            s["Notifications:RequestTimeout"] = "00:00:00.500";
            s["Notifications:ClaimDuration"] = "00:00:10";
        });
        provider.Mode = ProviderMode.Silent;
        var sms = MessagingHost.Sms();

        await host.QueueAsync(sms);

        var pending = await host.StoredAsync(sms);
        Assert.Equal(NotificationStatus.Pending, pending.Status);
        var timedOut = Assert.Single(pending.Attempts);
        Assert.Equal((AttemptOutcome.Retryable, "twilio"), (timedOut.Outcome, timedOut.Provider));
        Assert.StartsWith("no answer within", timedOut.Error);
        Assert.Empty(inbox.Undeliverable);
    }

    [Fact]
    public async Task A_provider_that_cannot_be_reached_leaves_the_message_pending()
    {
        await using var host = await StartAsync(s =>
        {
            // Nothing listens on port 1: the connection is refused at once.
            s["Twilio:BaseUrl"] = "http://127.0.0.1:1";
            s["SendGrid:BaseUrl"] = "http://127.0.0.1:1";
        });
        var sms = MessagingHost.Sms();
        var email = MessagingHost.Email();

        await host.QueueAsync(sms, email);

        foreach (var notification in new[] { sms, email })
        {
            var pending = await host.StoredAsync(notification);
            Assert.Equal((NotificationStatus.Pending, MessagingHost.Start + TimeSpan.FromMinutes(1)), (pending.Status, pending.NextAttemptAt));
            var refused = Assert.Single(pending.Attempts);
            Assert.Equal(AttemptOutcome.Retryable, refused.Outcome);
            Assert.StartsWith("no connection: ", refused.Error);
        }

        Assert.Empty(provider.Requests);
        Assert.Empty(inbox.Undeliverable);
    }

    [Fact]
    public async Task Each_failed_attempt_doubles_the_wait_and_the_last_one_gives_up_and_tells_the_inbox_once()
    {
        await using var host = await StartAsync(s => s["Notifications:MaxAttempts"] = "3");
        provider.Mode = ProviderMode.ServerError;
        var sms = MessagingHost.Sms();

        await host.QueueAsync(sms);
        Assert.Equal(MessagingHost.Start + TimeSpan.FromMinutes(1), (await host.StoredAsync(sms)).NextAttemptAt);

        clock.Advance(TimeSpan.FromMinutes(1));
        await host.SweepAsync();
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(2), (await host.StoredAsync(sms)).NextAttemptAt);

        clock.Advance(TimeSpan.FromMinutes(2));
        await host.SweepAsync();
        clock.Advance(TimeSpan.FromHours(1));
        await host.SweepAsync();

        var failed = await host.StoredAsync(sms);
        Assert.Equal(NotificationStatus.Failed, failed.Status);
        Assert.Equal(3, failed.AttemptCount);
        Assert.Equal(3, provider.Requests.Count);
        var told = Assert.Single(inbox.Undeliverable);
        Assert.Equal(("T1001", ContactChannel.Sms, "+393331234567"), (told.Ticket, told.Channel, told.Address));
        Assert.Contains("HTTP 500", told.Reason);
    }

    [Fact]
    public async Task A_refusal_fails_the_notification_at_once_with_the_providers_reason_and_tells_the_inbox_once()
    {
        await using var host = await StartAsync(s => s["Notifications:QuickRetries"] = "2");
        provider.Mode = ProviderMode.Reject;
        var sms = MessagingHost.Sms();
        var email = MessagingHost.Email();

        await host.QueueAsync(sms, email);
        clock.Advance(TimeSpan.FromHours(3));
        await host.SweepAsync();

        Assert.Equal(2, provider.Requests.Count);
        var failedSms = await host.StoredAsync(sms);
        Assert.Equal(NotificationStatus.Failed, failedSms.Status);
        var refusal = Assert.Single(failedSms.Attempts);
        Assert.Equal(AttemptOutcome.Rejected, refusal.Outcome);
        Assert.Equal("HTTP 400: Twilio error 21211: The 'To' number is not a valid phone number.", refusal.Error);
        Assert.Equal(
            "HTTP 400: SendGrid: personalizations.0.to.0.email: Does not contain a valid address.",
            Assert.Single((await host.StoredAsync(email)).Attempts).Error);
        Assert.Equal(
            [(ContactChannel.Sms, "+393331234567"), (ContactChannel.Email, "anna@example.com")],
            inbox.Undeliverable.Select(u => (u.Channel, u.Address)));
        Assert.All(inbox.Undeliverable, u => Assert.Equal("T1001", u.Ticket));
    }

    [Fact]
    public async Task Concurrent_sweeps_send_a_due_notification_once()
    {
        await using var host = await StartAsync();
        provider.Mode = ProviderMode.ServerError;
        await host.QueueAsync(MessagingHost.Sms(), MessagingHost.WhatsApp(), MessagingHost.Email());
        provider.Mode = ProviderMode.Healthy;
        clock.Advance(TimeSpan.FromMinutes(1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.SweepAsync()));
        await host.SweepAsync();

        Assert.Equal(3, provider.Accepted.Count);
        Assert.Equal(3, provider.Accepted.Select(r => r.Path + r.Body).Distinct().Count());
        foreach (var notification in new[] { MessagingHost.Sms(), MessagingHost.WhatsApp(), MessagingHost.Email() })
        {
            Assert.Equal(NotificationStatus.Sent, (await host.StoredAsync(notification)).Status);
        }
    }
}
