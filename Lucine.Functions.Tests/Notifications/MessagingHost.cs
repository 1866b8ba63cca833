using Lucine.Functions.Notifications;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Notifications;

/// <summary>
/// The real Lucine app whose provider base URLs point at a <see cref="FakeProvider"/> (or, without one,
/// with no provider credentials at all), on the test's clock, with a recording ticket inbox. Sweeps run
/// only when the test posts /SendNotifications.
/// </summary>
public static class MessagingHost
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test-auth-token-0123456789abcdef";
    public const string ApiKey = "SG.test-api-key";
    public const string PublicBaseUrl = "https://lucine.example";
    public const string SmsFrom = "+15005550006";
    public const string WhatsAppFrom = "whatsapp:+14155238886";
    public const string FromEmail = "assistenza@lucinedinatale.it";
    public const string FromName = "Lucine di Natale";
    public const string ReplyTo = "info@lucinedinatale.it";

    public static readonly DateTimeOffset Start = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);

    public static Task<LucineHost> StartAsync(
        AzuriteFixture azurite, FakeProvider? provider, RecordingInbox inbox, TimeProvider clock, Action<Dictionary<string, string?>>? more = null) =>
        LucineHost.StartAsync(
            azurite.ConnectionString,
            settings =>
            {
                settings["Operators:Bootstrap:Username"] = StaffDesk.AdminUsername;
                settings["Operators:Bootstrap:Password"] = StaffDesk.AdminPassword;
                settings["Notifications:RunInBackground"] = "false";
                settings["Notifications:QuickRetries"] = "0";
                if (provider is not null)
                {
                    settings["Notifications:PublicBaseUrl"] = PublicBaseUrl;
                    settings["Twilio:AccountSid"] = AccountSid;
                    settings["Twilio:AuthToken"] = AuthToken;
                    settings["Twilio:BaseUrl"] = provider.BaseAddress.ToString();
                    settings["Twilio:SmsFrom"] = SmsFrom;
                    settings["Twilio:WhatsAppFrom"] = WhatsAppFrom;
                    settings["SendGrid:ApiKey"] = ApiKey;
                    settings["SendGrid:BaseUrl"] = provider.BaseAddress.ToString();
                    settings["SendGrid:FromEmail"] = FromEmail;
                    settings["SendGrid:FromName"] = FromName;
                    settings["SendGrid:ReplyTo"] = ReplyTo;
                }

                more?.Invoke(settings);
            },
            clock,
            services: s => s.AddSingleton<ITicketInbox>(inbox));

    public static NotificationQueue Outbox(this LucineHost host) => host.Services.GetRequiredService<NotificationQueue>();

    public static NotificationStore Notifications(this LucineHost host) => host.Services.GetRequiredService<NotificationStore>();

    public static string Key(this NotificationRecord record) => record.Notification.Key;

    public static Task QueueAsync(this LucineHost host, params Notification[] notifications) =>
        host.Outbox().QueueAsync(notifications, CancellationToken.None);

    public static async Task<NotificationRecord> StoredAsync(this LucineHost host, Notification notification) =>
        await host.Notifications().FindAsync(notification.Key, notification.Ticket, CancellationToken.None)
            ?? throw new InvalidOperationException($"Notification {notification.Key} is not stored.");

    /// <summary>The SendNotifications timer, invoked the way the Functions host invokes it.</summary>
    public static async Task SweepAsync(this LucineHost host)
    {
        var response = await host.Http.PostAsync("/SendNotifications", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static Notification Sms(string key = "ticket-T1001-opened-sms", string? ticket = "T1001") =>
        new(key, ContactChannel.Sms, "+393331234567", string.Empty, "Ticket T1001: ti risponderemo presto.", Language.Italian) { Ticket = ticket };

    public static Notification WhatsApp(string key = "ticket-T1001-reply-whatsapp", bool outsideWindow = false) =>
        new(key, ContactChannel.WhatsApp, "+393337654321", string.Empty, "Ciao Anna, il tuo biglietto è confermato.", Language.Italian)
        {
            Ticket = "T1001",
            OutsideWhatsAppWindow = outsideWindow,
            Fields = new Dictionary<string, string> { ["ticket_number"] = "T1001", ["text"] = "il tuo biglietto è confermato", ["customer_name"] = "Anna" },
        };

    public static Notification Email(string key = "ticket-T1001-reply-email", string text = "Ciao Anna,\nil tuo biglietto è confermato.") =>
        new(key, ContactChannel.Email, "anna@example.com", "Ticket T1001", text, Language.Italian) { Ticket = "T1001" };
}
