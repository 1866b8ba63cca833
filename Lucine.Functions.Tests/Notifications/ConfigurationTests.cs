using Lucine.Functions.Notifications;

namespace Lucine.Functions.Tests.Notifications;

/// <summary>A notification setting that cannot work stops the start, naming the setting; the provider base URLs are for stand-ins only.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class ConfigurationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("Twilio:AccountSid", "AC0123456789abcdef0123456789abcdef", "Twilio:AccountSid and Twilio:AuthToken are set together")]
    [InlineData("Twilio:SmsFrom", "3331234567", "Twilio:SmsFrom must be an E.164 number")]
    [InlineData("Twilio:WhatsAppFrom", "whatsapp:3331234567", "Twilio:WhatsAppFrom must be whatsapp:+<E.164 number>")]
    [InlineData("Twilio:BaseUrl", "api.twilio.com", "Twilio:BaseUrl must be an absolute http(s) URL")]
    [InlineData("SendGrid:FromEmail", "not an address", "SendGrid:FromEmail must be an email address")]
    [InlineData("SendGrid:EventWebhookPublicKey", "bm90IGEga2V5", "SendGrid:EventWebhookPublicKey must be the base64 ECDSA P-256 public key")]
    [InlineData("Notifications:PublicBaseUrl", "lucine.example", "Notifications:PublicBaseUrl must be an absolute http(s) URL")]
    [InlineData("Notifications:ClaimDuration", "00:00:20", "Notifications:ClaimDuration (00:00:20) must be longer than the longest attempt")]
    [InlineData("Notifications:MaxAttempts", "0", "MaxAttempts")]
    public async Task A_setting_that_cannot_work_stops_the_start(string key, string value, string message)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s => s[key] = value);
        });

        Assert.Contains(message, Assert.IsAssignableFrom<Exception>(failure).Message);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("http://127.0.0.1:9", true)]
    public async Task Twilio_requests_are_redirected_only_when_a_base_url_is_configured(string? baseUrl, bool redirected)
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s => s["Twilio:BaseUrl"] = baseUrl);

        var handlers = new List<HttpMessageHandler>();
        for (HttpMessageHandler? handler = host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(TwilioSender.HttpClientName);
             handler is not null;
             handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            handlers.Add(handler);
        }

        Assert.Equal(redirected, handlers.OfType<TwilioBaseUrlHandler>().Any());
    }
}
