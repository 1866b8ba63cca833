using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lucine.Functions.Notifications;

namespace Lucine.Functions.Tests.Notifications;

/// <summary>The provider webhooks through the real app: signed requests change notifications and reach the inbox; anything else changes nothing.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class WebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string StatusUrl = MessagingHost.PublicBaseUrl + WebhookPaths.TwilioStatus;
    private const string InboundUrl = MessagingHost.PublicBaseUrl + WebhookPaths.TwilioInbound;

    private readonly ManualClock clock = new(MessagingHost.Start);
    private readonly RecordingInbox inbox = new();
    private readonly ECDsa eventKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private FakeProvider provider = null!;

    public async Task InitializeAsync() => provider = await FakeProvider.StartAsync();

    public async Task DisposeAsync()
    {
        eventKey.Dispose();
        await provider.DisposeAsync();
    }

    private Task<LucineHost> StartAsync(Action<Dictionary<string, string?>>? more = null) =>
        MessagingHost.StartAsync(azurite, provider, inbox, clock, s =>
        {
            s["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(eventKey.ExportSubjectPublicKeyInfo());
            more?.Invoke(s);
        });

    private static Task<HttpResponseMessage> PostTwilioAsync(
        LucineHost host, string path, Dictionary<string, string> form, string? signedUrl, string token = MessagingHost.AuthToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signedUrl is not null)
        {
            request.Headers.Add("X-Twilio-Signature", ProviderSigning.Twilio(token, signedUrl, form));
        }

        return host.Http.SendAsync(request);
    }

    private static Dictionary<string, string> Status(string messageSid, string status, string? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = MessagingHost.AccountSid,
            ["MessageSid"] = messageSid,
            ["SmsSid"] = messageSid,
            ["MessageStatus"] = status,
            ["SmsStatus"] = status,
            ["To"] = "+393331234567",
            ["From"] = MessagingHost.SmsFrom,
            ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        return form;
    }

    private static Dictionary<string, string> Inbound(string from, string body) => new()
    {
        ["AccountSid"] = MessagingHost.AccountSid,
        ["MessageSid"] = "SM" + new string('7', 32),
        ["From"] = from,
        ["To"] = MessagingHost.WhatsAppFrom,
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    private Task<HttpResponseMessage> PostEventsAsync(LucineHost host, string json, string timestamp = "1765648800", string? signedTimestamp = null, string? signedJson = null, bool sign = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookPaths.SendGridEvents) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (sign)
        {
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", ProviderSigning.SendGrid(eventKey, signedTimestamp ?? timestamp, Encoding.UTF8.GetBytes(signedJson ?? json)));
        }

        return host.Http.SendAsync(request);
    }

    private static string Events(params object[] events) => JsonSerializer.Serialize(events);

    /// <summary>An email sent, and the event that would say it bounced.</summary>
    private static async Task<(Notification Email, string Bounce)> SentEmailAndItsBounceAsync(LucineHost host)
    {
        var email = MessagingHost.Email();
        await host.QueueAsync(email);
        return (email, Events(new { email = "anna@example.com", @event = "bounce", type = "bounce", reason = "550", notification = email.Key, ticket = "T1001" }));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("urn:lucine:problem:" + type, problem.RootElement.GetProperty("type").GetString());
    }

    private async Task<string> SentSmsAsync(LucineHost host)
    {
        await host.QueueAsync(MessagingHost.Sms());
        return Assert.Single(provider.Accepted).AnsweredId!;
    }

    [Fact]
    public async Task A_twilio_status_callback_moves_the_notification_forward_only()
    {
        await using var host = await StartAsync();
        var sid = await SentSmsAsync(host);

        Assert.Equal(HttpStatusCode.NoContent, (await PostTwilioAsync(host, WebhookPaths.TwilioStatus, Status(sid, "sent"), StatusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostTwilioAsync(host, WebhookPaths.TwilioStatus, Status(sid, "delivered"), StatusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostTwilioAsync(host, WebhookPaths.TwilioStatus, Status(sid, "sent"), StatusUrl)).StatusCode);

        var stored = await host.StoredAsync(MessagingHost.Sms());
        Assert.Equal(NotificationStatus.Delivered, stored.Status);
        Assert.Equal(
            [(AttemptOutcome.Sent, null), (AttemptOutcome.Reported, "sent"), (AttemptOutcome.Reported, "delivered"), (AttemptOutcome.Reported, "sent")],
            stored.Attempts.Select(a => (a.Outcome, a.Status)));
        Assert.All(stored.Attempts, a => Assert.Equal(sid, a.ProviderMessageId));
        Assert.Empty(inbox.Undeliverable);
    }

    [Fact]
    public async Task A_failed_twilio_status_fails_the_notification_and_tells_the_inbox_once()
    {
        await using var host = await StartAsync();
        var sid = await SentSmsAsync(host);

        Assert.Equal(HttpStatusCode.NoContent, (await PostTwilioAsync(host, WebhookPaths.TwilioStatus, Status(sid, "undelivered", "30003"), StatusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostTwilioAsync(host, WebhookPaths.TwilioStatus, Status(sid, "undelivered", "30003"), StatusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostTwilioAsync(host, WebhookPaths.TwilioStatus, Status(sid, "delivered"), StatusUrl)).StatusCode);

        Assert.Equal(NotificationStatus.Failed, (await host.StoredAsync(MessagingHost.Sms())).Status);
        var told = Assert.Single(inbox.Undeliverable);
        Assert.Equal(("T1001", ContactChannel.Sms, "+393331234567"), (told.Ticket, told.Channel, told.Address));
        Assert.Contains("undelivered", told.Reason);
        Assert.Contains("30003", told.Reason);
    }

    [Fact]
    public async Task A_status_callback_for_a_message_that_is_not_ours_changes_nothing()
    {
        await using var host = await StartAsync();
        await SentSmsAsync(host);

        var response = await PostTwilioAsync(host, WebhookPaths.TwilioStatus, Status("SM" + new string('9', 32), "failed", "30008"), StatusUrl);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(NotificationStatus.Sent, (await host.StoredAsync(MessagingHost.Sms())).Status);
        Assert.Empty(inbox.Undeliverable);
    }

    [Fact]
    public async Task A_status_callback_that_is_unsigned_or_signed_for_anything_else_is_refused_and_changes_nothing()
    {
        await using var host = await StartAsync();
        var sid = await SentSmsAsync(host);
        var before = await host.StoredAsync(MessagingHost.Sms());
        var failed = Status(sid, "failed", "30008");

        var attempts = new[]
        {
            await PostTwilioAsync(host, WebhookPaths.TwilioStatus, failed, signedUrl: null),
            await PostTwilioAsync(host, WebhookPaths.TwilioStatus, failed, InboundUrl),
            await PostTwilioAsync(host, WebhookPaths.TwilioStatus, failed, new Uri(host.BaseAddress, WebhookPaths.TwilioStatus).ToString()),
            await PostTwilioAsync(host, WebhookPaths.TwilioStatus, failed, StatusUrl, token: "another-account-token"),
        };
        var tampered = new HttpRequestMessage(HttpMethod.Post, WebhookPaths.TwilioStatus) { Content = new FormUrlEncodedContent(failed) };
        tampered.Headers.Add("X-Twilio-Signature", ProviderSigning.Twilio(MessagingHost.AuthToken, StatusUrl, Status(sid, "delivered")));

        foreach (var response in attempts.Append(await host.Http.SendAsync(tampered)))
        {
            await AssertProblemAsync(response, HttpStatusCode.Forbidden, "invalid-webhook-signature");
        }

        var after = await host.StoredAsync(MessagingHost.Sms());
        Assert.Equal(NotificationStatus.Sent, after.Status);
        Assert.Equal(before.Attempts, after.Attempts);
        Assert.Empty(inbox.Undeliverable);
    }

    [Fact]
    public async Task A_whatsapp_reply_reaches_the_inbox_and_twilio_gets_an_empty_twiml_answer()
    {
        await using var host = await StartAsync();
        var message = Inbound("whatsapp:+393337654321", "Grazie, a che ora aprite?");

        var response = await PostTwilioAsync(host, WebhookPaths.TwilioInbound, message, InboundUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync());
        Assert.Equal(new CustomerMessage(ContactChannel.WhatsApp, "+393337654321", "Grazie, a che ora aprite?", message["MessageSid"]), Assert.Single(inbox.Messages));
    }

    [Fact]
    public async Task An_sms_from_someone_without_an_open_ticket_gets_the_same_answer_verified_against_the_requests_own_url()
    {
        await using var host = await StartAsync(s => s["Notifications:PublicBaseUrl"] = null);
        inbox.HasOpenTicket = false;
        var message = Inbound("+393331234567", "ciao");

        var response = await PostTwilioAsync(host, WebhookPaths.TwilioInbound, message, new Uri(host.BaseAddress, WebhookPaths.TwilioInbound).ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync());
        Assert.Equal(ContactChannel.Sms, Assert.Single(inbox.Messages).Channel);
    }

    [Fact]
    public async Task An_inbound_message_with_a_wrong_signature_never_reaches_the_inbox()
    {
        await using var host = await StartAsync();
        var message = Inbound("whatsapp:+393337654321", "ciao");

        await AssertProblemAsync(await PostTwilioAsync(host, WebhookPaths.TwilioInbound, message, signedUrl: null), HttpStatusCode.Forbidden, "invalid-webhook-signature");
        await AssertProblemAsync(await PostTwilioAsync(host, WebhookPaths.TwilioInbound, message, StatusUrl), HttpStatusCode.Forbidden, "invalid-webhook-signature");

        Assert.Empty(inbox.Messages);
    }

    [Fact]
    public async Task Without_provider_secrets_every_webhook_refuses_and_says_why()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider: null, inbox, clock);
        var message = Inbound("whatsapp:+393337654321", "ciao");

        var twilio = await PostTwilioAsync(host, WebhookPaths.TwilioInbound, message, InboundUrl);
        var status = await PostTwilioAsync(host, WebhookPaths.TwilioStatus, Status("SM1", "failed"), StatusUrl);
        var sendGrid = await PostEventsAsync(host, Events(new { email = "anna@example.com", @event = "bounce", notification = "n1" }));

        await AssertProblemAsync(twilio, HttpStatusCode.Forbidden, "webhook-not-configured");
        await AssertProblemAsync(status, HttpStatusCode.Forbidden, "webhook-not-configured");
        await AssertProblemAsync(sendGrid, HttpStatusCode.Forbidden, "webhook-not-configured");
        Assert.Contains("Twilio:AuthToken", await twilio.Content.ReadAsStringAsync());
        Assert.Contains("SendGrid:EventWebhookPublicKey", await sendGrid.Content.ReadAsStringAsync());
        Assert.Empty(inbox.Messages);
        Assert.Empty(inbox.Undeliverable);
    }

    [Fact]
    public async Task SendGrid_events_move_an_email_forward_and_a_bounce_fails_it_and_tells_the_inbox()
    {
        await using var host = await StartAsync();
        var delivered = MessagingHost.Email();
        var bounced = MessagingHost.Email("ticket-T1001-closed-email");
        await host.QueueAsync(delivered, bounced);
        var messageId = provider.Accepted[0].AnsweredId!;

        var response = await PostEventsAsync(host, Events(
            new { email = "anna@example.com", timestamp = 1765648800, @event = "processed", sg_message_id = messageId + ".filter0001", notification = delivered.Key, ticket = "T1001" },
            new { email = "anna@example.com", timestamp = 1765648801, @event = "delivered", sg_message_id = messageId + ".filter0001", notification = delivered.Key, ticket = "T1001", response = "250 OK" },
            new { email = "anna@example.com", timestamp = 1765648802, @event = "open", sg_message_id = messageId + ".filter0001", notification = delivered.Key, ticket = "T1001" },
            new { email = "anna@example.com", timestamp = 1765648803, @event = "click", url = "https://lucinedinatale.it", notification = delivered.Key, ticket = "T1001" },
            new { email = "anna@example.com", timestamp = 1765648804, @event = "bounce", type = "blocked", reason = "550 5.1.1 mailbox unavailable", notification = bounced.Key, ticket = "T1001" },
            new { email = "someone@example.com", timestamp = 1765648805, @event = "bounce", type = "bounce", reason = "550 no such user" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await host.StoredAsync(delivered);
        Assert.Equal(NotificationStatus.Read, read.Status);
        Assert.Equal(["processed", "delivered", "open"], read.Attempts.Where(a => a.Outcome == AttemptOutcome.Reported).Select(a => a.Status));
        Assert.Equal(NotificationStatus.Failed, (await host.StoredAsync(bounced)).Status);
        var told = Assert.Single(inbox.Undeliverable);
        Assert.Equal(("T1001", ContactChannel.Email, "anna@example.com"), (told.Ticket, told.Channel, told.Address));
        Assert.Contains("bounce (blocked)", told.Reason);
        Assert.Contains("mailbox unavailable", told.Reason);
    }

    [Fact]
    public async Task A_bounce_of_an_email_we_no_longer_hold_still_tells_the_inbox_about_its_ticket()
    {
        await using var host = await StartAsync();

        var response = await PostEventsAsync(host, Events(
            new { email = "old@example.com", @event = "dropped", reason = "Bounced Address", notification = "purged-notification", ticket = "T0042" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new UndeliverableContact("T0042", ContactChannel.Email, "old@example.com", "sendgrid dropped: Bounced Address"), Assert.Single(inbox.Undeliverable));
    }

    [Fact]
    public async Task SendGrid_events_unsigned_or_signed_over_anything_else_are_refused_and_change_nothing()
    {
        await using var host = await StartAsync();
        var (email, bounce) = await SentEmailAndItsBounceAsync(host);
        var delivered = Events(new { email = "anna@example.com", @event = "delivered", notification = email.Key, ticket = "T1001" });

        await AssertProblemAsync(await PostEventsAsync(host, bounce, sign: false), HttpStatusCode.Forbidden, "invalid-webhook-signature");
        await AssertProblemAsync(await PostEventsAsync(host, bounce, signedJson: delivered), HttpStatusCode.Forbidden, "invalid-webhook-signature");
        await AssertProblemAsync(await PostEventsAsync(host, bounce, timestamp: "1765648801", signedTimestamp: "1765648800"), HttpStatusCode.Forbidden, "invalid-webhook-signature");

        var stored = await host.StoredAsync(email);
        Assert.Equal(NotificationStatus.Sent, stored.Status);
        Assert.Single(stored.Attempts);
        Assert.Empty(inbox.Undeliverable);
    }

    /// <summary>The signature proves SendGrid sent it, not when: a captured request replayed later is refused.</summary>
    [Fact]
    public async Task A_signed_SendGrid_event_replayed_outside_the_tolerance_is_refused_and_changes_nothing()
    {
        await using var host = await StartAsync();
        var (email, bounce) = await SentEmailAndItsBounceAsync(host);
        var now = MessagingHost.Start.ToUnixTimeSeconds();

        await AssertProblemAsync(await PostEventsAsync(host, bounce, timestamp: (now - 301).ToString(CultureInfo.InvariantCulture)), HttpStatusCode.Forbidden, "stale-webhook");
        await AssertProblemAsync(await PostEventsAsync(host, bounce, timestamp: (now + 301).ToString(CultureInfo.InvariantCulture)), HttpStatusCode.Forbidden, "stale-webhook");
        await AssertProblemAsync(await PostEventsAsync(host, bounce, timestamp: "not a time"), HttpStatusCode.Forbidden, "stale-webhook");
        clock.Advance(TimeSpan.FromMinutes(6));
        await AssertProblemAsync(await PostEventsAsync(host, bounce, timestamp: now.ToString(CultureInfo.InvariantCulture)), HttpStatusCode.Forbidden, "stale-webhook");

        var stored = await host.StoredAsync(email);
        Assert.Equal(NotificationStatus.Sent, stored.Status);
        Assert.Empty(inbox.Undeliverable);

        // Within the tolerance (clocks differ a little) it counts.
        Assert.Equal(HttpStatusCode.OK, (await PostEventsAsync(host, bounce, timestamp: (now + 360 - 299).ToString(CultureInfo.InvariantCulture))).StatusCode);
        Assert.Single(inbox.Undeliverable);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_an_array_of_events_is_a_bad_request()
    {
        await using var host = await StartAsync();

        await AssertProblemAsync(await PostEventsAsync(host, "{\"event\":\"delivered\"}"), HttpStatusCode.BadRequest, "invalid-json");
        await AssertProblemAsync(await PostEventsAsync(host, "[{\"event\":"), HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task An_oversized_post_is_refused_before_it_is_read()
    {
        await using var host = await StartAsync();
        var form = Inbound("whatsapp:+393337654321", new string('x', 70 * 1024));

        await AssertProblemAsync(await PostTwilioAsync(host, WebhookPaths.TwilioInbound, form, InboundUrl), HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Empty(inbox.Messages);
    }

    [Fact]
    public async Task A_status_callback_without_its_message_sid_is_a_bad_request()
    {
        await using var host = await StartAsync();
        var form = Status("SM1", "delivered");
        form.Remove("MessageSid");

        await AssertProblemAsync(await PostTwilioAsync(host, WebhookPaths.TwilioStatus, form, StatusUrl), HttpStatusCode.BadRequest, "invalid-status-callback");
    }
}
