using System.Security.Cryptography;
using System.Text;
using Lucine.Functions.Notifications;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tests.Notifications;

/// <summary>
/// The two webhook signature schemes, checked by the providers' SDKs behind Lucine's verifiers, against
/// published vectors and against signatures made here by the documented algorithms
/// (<see cref="ProviderSigning"/>), including what must be refused.
/// </summary>
[Trait("Category", Layer.Unit)]
public sealed class SignatureTests
{
    private const string ExampleUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static Dictionary<string, string> ExampleCall(string caller) => new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = caller,
        ["Digits"] = "1234",
        ["From"] = caller,
        ["To"] = "+18005551212",
    };

    private static TwilioWebhookVerifier Twilio(string authToken) => new(Options.Create(new TwilioOptions { AuthToken = authToken }));

    private static SendGridWebhookVerifier SendGrid(string publicKey) => new(Options.Create(new SendGridOptions { EventWebhookPublicKey = publicKey }), TimeProvider.System);

    private static string PublicKey(ECDsa key) => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    /// <summary>Twilio's webhook security documentation and its published code samples (Auth Token "12345").</summary>
    [Theory]
    [InlineData("+12349013030", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")]
    [InlineData("+14158675309", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("+14158675310", "GvWf1cFY/Q7PnoempGyD5oXAezc=")]
    public void Twilio_published_examples_verify(string caller, string signature)
    {
        Assert.True(Twilio("12345").IsValid(ExampleUrl, ExampleCall(caller), signature));
        Assert.Equal(signature, ProviderSigning.Twilio("12345", ExampleUrl, ExampleCall(caller)));
        Assert.False(Twilio("12345").IsValid(ExampleUrl, ExampleCall(caller + "0"), signature));
    }

    [Fact]
    public void Twilio_parameter_order_does_not_matter_but_every_name_and_value_does()
    {
        var url = "https://lucine.example/api/webhooks/twilio/status";
        var form = new Dictionary<string, string> { ["MessageStatus"] = "delivered", ["MessageSid"] = "SM1", ["AccountSid"] = "AC1" };
        var signature = ProviderSigning.Twilio("token", url, form);

        Assert.True(Twilio("token").IsValid(url, new Dictionary<string, string>(form.Reverse()), signature));
        Assert.False(Twilio("token").IsValid(url, new Dictionary<string, string>(form) { ["ErrorCode"] = "30003" }, signature));
        Assert.False(Twilio("token").IsValid(url, new Dictionary<string, string>(form) { ["MessageStatus"] = "failed" }, signature));
    }

    [Fact]
    public void Twilio_signature_over_another_url_or_with_another_token_or_missing_is_refused()
    {
        var url = "https://lucine.example/api/webhooks/twilio/inbound";
        var form = new Dictionary<string, string> { ["From"] = "whatsapp:+393331234567", ["Body"] = "ciao", ["MessageSid"] = "SM2" };
        var signature = ProviderSigning.Twilio("token", url, form);
        var verifier = Twilio("token");

        Assert.True(verifier.IsValid(url, form, signature));
        Assert.False(verifier.IsValid("https://lucine.example/api/webhooks/twilio/status", form, signature));
        Assert.False(verifier.IsValid("http://lucine.example/api/webhooks/twilio/inbound", form, signature));
        Assert.False(Twilio("other-token").IsValid(url, form, signature));
        Assert.False(verifier.IsValid(url, form, null));
        Assert.False(verifier.IsValid(url, form, string.Empty));
        Assert.False(verifier.IsValid(url, form, "not base64!"));
        Assert.False(verifier.IsValid(url, form, signature + signature));
    }

    [Fact]
    public void Without_an_auth_token_nothing_from_twilio_verifies()
    {
        var verifier = new TwilioWebhookVerifier(Options.Create(new TwilioOptions()));

        Assert.False(verifier.IsConfigured);
        Assert.False(verifier.IsValid(ExampleUrl, ExampleCall("+12349013030"), "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    }

    /// <summary>The vector of the Event Webhook tests in SendGrid's helper libraries.</summary>
    [Fact]
    public void SendGrid_published_example_verifies()
    {
        const string publicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
        const string signature = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=";
        var payload = Encoding.UTF8.GetBytes("{\"category\":\"example_payload\",\"event\":\"test_event\",\"message_id\":\"message_id\"}");

        Assert.NotNull(SendGridWebhookVerifier.ReadPublicKey(publicKey));
        Assert.True(SendGrid(publicKey).IsValid("1588788367", payload, signature));
        Assert.False(SendGrid(publicKey).IsValid("1588788368", payload, signature));
    }

    [Fact]
    public void SendGrid_signature_over_another_body_or_timestamp_or_by_another_key_or_missing_or_malformed_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = SendGrid(PublicKey(key));
        var body = Encoding.UTF8.GetBytes("""[{"email":"anna@example.com","event":"delivered","notification":"n1"}]""");
        var signature = ProviderSigning.SendGrid(key, "1765648800", body);

        Assert.True(verifier.IsValid("1765648800", body, signature));
        Assert.False(verifier.IsValid("1765648801", body, signature));
        Assert.False(verifier.IsValid("1765648800", Encoding.UTF8.GetBytes("""[{"email":"anna@example.com","event":"bounce","notification":"n1"}]"""), signature));
        Assert.False(verifier.IsValid("1765648800", body, ProviderSigning.SendGrid(otherKey, "1765648800", body)));
        Assert.False(verifier.IsValid(null, body, signature));
        Assert.False(verifier.IsValid("1765648800", body, null));
        Assert.False(verifier.IsValid("1765648800", body, "not base64!"));
        Assert.False(verifier.IsValid("1765648800", body, Convert.ToBase64String(Convert.FromBase64String(signature)[..20])));
        Assert.False(verifier.IsValid("1765648800", body, Convert.ToBase64String(new byte[] { 0x30, 0x06, 0x02, 0x00, 0x02, 0x00 })));
        Assert.False(verifier.IsValid("1765648800", body, Convert.ToBase64String(Encoding.UTF8.GetBytes("plain text, not DER"))));
    }

    /// <summary>The SDK verifies a string: read leniently, a body with a stray byte would pass under the signature of its repaired text.</summary>
    [Fact]
    public void A_body_that_is_not_utf8_never_verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] body = [.. Encoding.UTF8.GetBytes("""[{"event":"delivered","notification":"n1","reason":" """), 0xFF, .. Encoding.UTF8.GetBytes("\"}]")];
        var repaired = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body));

        Assert.False(SendGrid(PublicKey(key)).IsValid("1765648800", body, ProviderSigning.SendGrid(key, "1765648800", repaired)));
        Assert.True(SendGrid(PublicKey(key)).IsValid("1765648800", repaired, ProviderSigning.SendGrid(key, "1765648800", repaired)));
    }

    [Fact]
    public void Only_a_p256_public_key_is_accepted()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var secp256k1 = ECDsa.Create(ECCurve.CreateFromValue("1.3.132.0.10"));

        Assert.NotNull(SendGridWebhookVerifier.ReadPublicKey(PublicKey(p256)));
        Assert.Null(SendGridWebhookVerifier.ReadPublicKey(PublicKey(p384)));
        Assert.Null(SendGridWebhookVerifier.ReadPublicKey(PublicKey(secp256k1)));
        Assert.Null(SendGridWebhookVerifier.ReadPublicKey("not a key"));
        Assert.Null(SendGridWebhookVerifier.ReadPublicKey(Convert.ToBase64String(Encoding.UTF8.GetBytes("not a key either"))));
    }
}

/// <summary>The providers' signing, written from their documentation independently of Lucine's verifiers.</summary>
public static class ProviderSigning
{
    /// <summary>Twilio: the URL, then each POST parameter sorted by name, name then value; HMAC-SHA1 with the Auth Token; base64.</summary>
    public static string Twilio(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = url + string.Concat(form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data)));
    }

    /// <summary>SendGrid: ECDSA P-256 with SHA-256 over the timestamp followed by the body; DER; base64.</summary>
    public static string SendGrid(ECDsa key, string timestamp, byte[] body) =>
        Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
}
