using System.Security.Cryptography;
using System.Text;
using Lucine.Functions.Notifications;

namespace Lucine.Functions.Tests.Notifications;

/// <summary>
/// The two webhook signature schemes against published vectors, and against signatures made here by
/// the documented algorithms (<see cref="ProviderSigning"/>), including what must be refused.
/// </summary>
[Trait("Category", Layer.Unit)]
public sealed class SignatureTests
{
    private const string ExampleUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static KeyValuePair<string, string>[] ExampleCall(string caller) =>
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", caller),
        new("Digits", "1234"),
        new("From", caller),
        new("To", "+18005551212"),
    ];

    /// <summary>Twilio's webhook security documentation and its published code samples (Auth Token "12345").</summary>
    [Theory]
    [InlineData("+12349013030", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")]
    [InlineData("+14158675309", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("+14158675310", "GvWf1cFY/Q7PnoempGyD5oXAezc=")]
    public void Twilio_published_examples_verify(string caller, string signature)
    {
        Assert.True(TwilioSignature.IsValid("12345", ExampleUrl, ExampleCall(caller), signature));
        Assert.Equal(signature, ProviderSigning.Twilio("12345", ExampleUrl, ExampleCall(caller)));
        Assert.False(TwilioSignature.IsValid("12345", ExampleUrl, ExampleCall(caller + "0"), signature));
    }

    [Fact]
    public void Twilio_parameter_order_does_not_matter_but_every_name_and_value_does()
    {
        var url = "https://lucine.example/api/webhooks/twilio/status";
        var form = new Dictionary<string, string> { ["MessageStatus"] = "delivered", ["MessageSid"] = "SM1", ["AccountSid"] = "AC1" };
        var signature = ProviderSigning.Twilio("token", url, form);

        Assert.True(TwilioSignature.IsValid("token", url, form.Reverse(), signature));
        Assert.False(TwilioSignature.IsValid("token", url, form.Append(new("ErrorCode", "30003")), signature));
        Assert.False(TwilioSignature.IsValid("token", url, form.Select(p => p.Key == "MessageStatus" ? new KeyValuePair<string, string>(p.Key, "failed") : p), signature));
    }

    [Fact]
    public void Twilio_signature_over_another_url_or_with_another_token_or_missing_is_refused()
    {
        var url = "https://lucine.example/api/webhooks/twilio/inbound";
        var form = new Dictionary<string, string> { ["From"] = "whatsapp:+393331234567", ["Body"] = "ciao", ["MessageSid"] = "SM2" };
        var signature = ProviderSigning.Twilio("token", url, form);

        Assert.True(TwilioSignature.IsValid("token", url, form, signature));
        Assert.False(TwilioSignature.IsValid("token", "https://lucine.example/api/webhooks/twilio/status", form, signature));
        Assert.False(TwilioSignature.IsValid("token", "http://lucine.example/api/webhooks/twilio/inbound", form, signature));
        Assert.False(TwilioSignature.IsValid("other-token", url, form, signature));
        Assert.False(TwilioSignature.IsValid("token", url, form, null));
        Assert.False(TwilioSignature.IsValid("token", url, form, string.Empty));
        Assert.False(TwilioSignature.IsValid("token", url, form, "not base64!"));
        Assert.False(TwilioSignature.IsValid("token", url, form, signature + signature));
    }

    /// <summary>The vector of the Event Webhook tests in SendGrid's helper libraries.</summary>
    [Fact]
    public void SendGrid_published_example_verifies()
    {
        const string publicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
        const string signature = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=";
        var payload = Encoding.UTF8.GetBytes("{\"category\":\"example_payload\",\"event\":\"test_event\",\"message_id\":\"message_id\"}");

        Assert.True(SendGridEventSignature.IsPublicKey(publicKey));
        Assert.True(SendGridEventSignature.IsValid(publicKey, "1588788367", payload, signature));
        Assert.False(SendGridEventSignature.IsValid(publicKey, "1588788368", payload, signature));
    }

    [Fact]
    public void SendGrid_signature_over_another_body_or_timestamp_or_by_another_key_or_missing_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var body = Encoding.UTF8.GetBytes("""[{"email":"anna@example.com","event":"delivered","notification":"n1"}]""");
        var signature = ProviderSigning.SendGrid(key, "1765648800", body);

        Assert.True(SendGridEventSignature.IsValid(publicKey, "1765648800", body, signature));
        Assert.False(SendGridEventSignature.IsValid(publicKey, "1765648801", body, signature));
        Assert.False(SendGridEventSignature.IsValid(publicKey, "1765648800", Encoding.UTF8.GetBytes("""[{"email":"anna@example.com","event":"bounce","notification":"n1"}]"""), signature));
        Assert.False(SendGridEventSignature.IsValid(publicKey, "1765648800", body, ProviderSigning.SendGrid(otherKey, "1765648800", body)));
        Assert.False(SendGridEventSignature.IsValid(publicKey, null, body, signature));
        Assert.False(SendGridEventSignature.IsValid(publicKey, "1765648800", body, null));
        Assert.False(SendGridEventSignature.IsValid(publicKey, "1765648800", body, "not base64!"));
    }

    [Fact]
    public void Only_a_p256_public_key_is_accepted()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.True(SendGridEventSignature.IsPublicKey(Convert.ToBase64String(p256.ExportSubjectPublicKeyInfo())));
        Assert.False(SendGridEventSignature.IsPublicKey(Convert.ToBase64String(p384.ExportSubjectPublicKeyInfo())));
        Assert.False(SendGridEventSignature.IsPublicKey("not a key"));
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
