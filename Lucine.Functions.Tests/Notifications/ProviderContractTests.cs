using System.Text;
using Lucine.Functions.Notifications;

namespace Lucine.Functions.Tests.Notifications;

/// <summary>
/// The exact requests Lucine sends to Twilio's Messages API and SendGrid's v3 Mail Send API, as their
/// documentation defines them, and what it keeps of the answers. The providers are a local stand-in.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class ProviderContractTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ManualClock clock = new(MessagingHost.Start);
    private readonly RecordingInbox inbox = new();
    private FakeProvider provider = null!;

    public async Task InitializeAsync() => provider = await FakeProvider.StartAsync();

    public async Task DisposeAsync() => await provider.DisposeAsync();

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public async Task An_sms_is_a_form_post_to_the_account_messages_resource_with_basic_auth()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock);
        var sms = MessagingHost.Sms();

        await host.QueueAsync(sms);

        var request = Assert.Single(provider.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{MessagingHost.AccountSid}/Messages.json", request.Path);
        Assert.Equal(Basic(MessagingHost.AccountSid, MessagingHost.AuthToken), request.Authorization);
        Assert.StartsWith("twilio-csharp/8.2.0", request.UserAgent);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["To"] = "+393331234567",
                ["From"] = MessagingHost.SmsFrom,
                ["Body"] = sms.Text,
                ["StatusCallback"] = "https://lucine.example/api/webhooks/twilio/status",
            },
            request.Form);

        var stored = await host.StoredAsync(sms);
        Assert.Equal(NotificationStatus.Sent, stored.Status);
        Assert.Equal("twilio", stored.Provider);
        Assert.Equal(request.AnsweredId, stored.ProviderMessageId);
        Assert.Equal(AttemptOutcome.Sent, Assert.Single(stored.Attempts).Outcome);
        Assert.Equal(stored.Key(), (await host.Notifications().FindByProviderMessageIdAsync(request.AnsweredId!, CancellationToken.None))?.Key());
    }

    [Fact]
    public async Task An_sms_may_name_a_messaging_service_instead_of_a_sender_number()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock, s =>
        {
            s["Twilio:SmsFrom"] = null;
            s["Twilio:MessagingServiceSid"] = "MG0123456789abcdef0123456789abcdef";
        });

        await host.QueueAsync(MessagingHost.Sms());

        var form = Assert.Single(provider.Requests).Form;
        Assert.Equal("MG0123456789abcdef0123456789abcdef", form["MessagingServiceSid"]);
        Assert.False(form.ContainsKey("From"));
    }

    [Fact]
    public async Task A_whatsapp_message_inside_the_window_is_free_text_between_whatsapp_addresses()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock, s => s["Twilio:WhatsAppTemplate:ContentSid"] = "HX0123456789abcdef0123456789abcdef");
        var message = MessagingHost.WhatsApp();

        await host.QueueAsync(message);

        var request = Assert.Single(provider.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{MessagingHost.AccountSid}/Messages.json", request.Path);
        Assert.Equal(Basic(MessagingHost.AccountSid, MessagingHost.AuthToken), request.Authorization);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["To"] = "whatsapp:+393337654321",
                ["From"] = MessagingHost.WhatsAppFrom,
                ["Body"] = message.Text,
                ["StatusCallback"] = "https://lucine.example/api/webhooks/twilio/status",
            },
            request.Form);
        Assert.Equal(request.AnsweredId, (await host.StoredAsync(message)).ProviderMessageId);
    }

    [Fact]
    public async Task A_whatsapp_message_outside_the_window_is_the_approved_template_filled_from_the_fields_without_a_body()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock, s =>
        {
            s["Twilio:WhatsAppTemplate:ContentSid"] = "HX0123456789abcdef0123456789abcdef";
            s["Twilio:WhatsAppTemplate:Variables:1"] = "customer_name";
            s["Twilio:WhatsAppTemplate:Variables:2"] = "ticket_number";
        });
        var message = MessagingHost.WhatsApp(outsideWindow: true);

        await host.QueueAsync(message);

        var request = Assert.Single(provider.Requests);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        var form = request.Form;
        Assert.Equal(["ContentSid", "ContentVariables", "From", "StatusCallback", "To"], form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("HX0123456789abcdef0123456789abcdef", form["ContentSid"]);
        Assert.Equal("whatsapp:+393337654321", form["To"]);
        var variables = System.Text.Json.JsonDocument.Parse(form["ContentVariables"]).RootElement;
        Assert.Equal(System.Text.Json.JsonValueKind.Object, variables.ValueKind);
        Assert.Equal(
            new Dictionary<string, string> { ["1"] = "Anna", ["2"] = "T1001" },
            variables.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        Assert.Equal(NotificationStatus.Sent, (await host.StoredAsync(message)).Status);
    }

    [Fact]
    public async Task The_default_template_variables_are_the_ticket_number_and_the_text()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock, s => s["Twilio:WhatsAppTemplate:ContentSid"] = "HX0123456789abcdef0123456789abcdef");

        await host.QueueAsync(MessagingHost.WhatsApp(outsideWindow: true));

        var variables = System.Text.Json.JsonDocument.Parse(Assert.Single(provider.Requests).Form["ContentVariables"]).RootElement;
        Assert.Equal("T1001", variables.GetProperty("1").GetString());
        Assert.Equal("il tuo biglietto è confermato", variables.GetProperty("2").GetString());
    }

    [Fact]
    public async Task A_template_message_missing_a_field_is_refused_without_calling_twilio()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock, s =>
        {
            s["Twilio:WhatsAppTemplate:ContentSid"] = "HX0123456789abcdef0123456789abcdef";
            s["Twilio:WhatsAppTemplate:Variables:1"] = "visit_date";
        });
        var message = MessagingHost.WhatsApp(outsideWindow: true);

        await host.QueueAsync(message);

        Assert.Empty(provider.Requests);
        var stored = await host.StoredAsync(message);
        Assert.Equal(NotificationStatus.Failed, stored.Status);
        Assert.Equal("The WhatsApp template needs the notification fields visit_date.", Assert.Single(stored.Attempts).Error);
        Assert.Equal(("T1001", "+393337654321"), (Assert.Single(inbox.Undeliverable).Ticket, inbox.Undeliverable[0].Address));
    }

    [Fact]
    public async Task Without_a_template_a_message_outside_the_window_is_sent_as_text_and_twilio_decides()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock);
        var message = MessagingHost.WhatsApp(outsideWindow: true);

        await host.QueueAsync(message);

        var form = Assert.Single(provider.Requests).Form;
        Assert.Equal(message.Text, form["Body"]);
        Assert.False(form.ContainsKey("ContentSid"));
    }

    [Fact]
    public async Task An_email_is_a_json_post_to_mail_send_with_the_api_key_plain_text_first_then_escaped_html()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock);
        var email = MessagingHost.Email(text: "Ciao <b>Anna</b> & \"amici\",\nil biglietto è confermato.");

        await host.QueueAsync(email);

        var request = Assert.Single(provider.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer " + MessagingHost.ApiKey, request.Authorization);
        Assert.StartsWith("sendgrid/9.29.3", request.UserAgent);
        Assert.StartsWith("application/json", request.ContentType);
        var mail = request.Json;
        Assert.Equal(["content", "custom_args", "from", "personalizations", "reply_to", "subject"], mail.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("anna@example.com", mail.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal(MessagingHost.FromEmail, mail.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal(MessagingHost.FromName, mail.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal(MessagingHost.ReplyTo, mail.GetProperty("reply_to").GetProperty("email").GetString());
        Assert.Equal("Ticket T1001", mail.GetProperty("subject").GetString());
        var content = mail.GetProperty("content");
        Assert.Equal(2, content.GetArrayLength());
        Assert.Equal("text/plain", content[0].GetProperty("type").GetString());
        Assert.Equal(email.Text, content[0].GetProperty("value").GetString());
        Assert.Equal("text/html", content[1].GetProperty("type").GetString());
        Assert.Equal("Ciao &lt;b&gt;Anna&lt;/b&gt; &amp; &quot;amici&quot;,<br>il biglietto &#232; confermato.", content[1].GetProperty("value").GetString());
        Assert.Equal(
            new Dictionary<string, string> { ["notification"] = email.Key, ["ticket"] = "T1001" },
            mail.GetProperty("custom_args").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));

        var stored = await host.StoredAsync(email);
        Assert.Equal(NotificationStatus.Sent, stored.Status);
        Assert.Equal("sendgrid", stored.Provider);
        Assert.Equal(request.AnsweredId, stored.ProviderMessageId);
    }

    [Fact]
    public async Task Queuing_the_same_key_again_changes_nothing_and_sends_nothing()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock);
        await host.QueueAsync(MessagingHost.Sms());
        var first = await host.StoredAsync(MessagingHost.Sms());

        clock.Advance(TimeSpan.FromMinutes(5));
        await host.QueueAsync(MessagingHost.Sms() with { Text = "another text" });
        await host.SweepAsync();

        Assert.Single(provider.Requests);
        var again = await host.StoredAsync(MessagingHost.Sms());
        Assert.Equal(first.Notification.Text, again.Notification.Text);
        Assert.Equal(first.UpdatedAt, again.UpdatedAt);
        Assert.Single(again.Attempts);
    }

    [Fact]
    public async Task A_ticket_lists_its_notifications_with_their_attempts()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider, inbox, clock);

        await host.QueueAsync(MessagingHost.Sms(), MessagingHost.Email(), MessagingHost.Sms("about-another-ticket", ticket: "T2002"));

        var listed = await host.Notifications().ListForTicketAsync("T1001", CancellationToken.None);
        Assert.Equal(["ticket-T1001-opened-sms", "ticket-T1001-reply-email"], listed.Select(n => n.Key()).Order(StringComparer.Ordinal));
        Assert.All(listed, n => Assert.Equal(AttemptOutcome.Sent, Assert.Single(n.Attempts).Outcome));
    }
}
