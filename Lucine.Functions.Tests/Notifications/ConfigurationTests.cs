namespace Lucine.Functions.Tests.Notifications;

/// <summary>A notification setting that cannot work stops the start, naming the setting.</summary>
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
}
