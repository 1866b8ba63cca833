using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Verifies SendGrid's Signed Event Webhook: the X-Twilio-Email-Event-Webhook-Signature header is a
/// base64 DER ECDSA signature, with SHA-256 and the P-256 key SendGrid shows, over the
/// X-Twilio-Email-Event-Webhook-Timestamp header followed by the raw request body.
/// </summary>
public sealed class SendGridEventSignature(IOptions<SendGridOptions> options)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private const string P256 = "1.2.840.10045.3.1.7";

    public bool IsConfigured => options.Value.VerifiesEvents;

    public bool IsValid(string? timestamp, ReadOnlySpan<byte> body, string? signature) =>
        options.Value.EventWebhookPublicKey is { Length: > 0 } key && IsValid(key, timestamp, body, signature);

    public static bool IsValid(string publicKey, string? timestamp, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) || Import(publicKey) is not { } key)
        {
            return false;
        }

        using (key)
        {
            var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
            var written = Encoding.UTF8.GetBytes(timestamp, signed);
            body.CopyTo(signed.AsSpan(written));
            try
            {
                return key.VerifyData(signed, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                return false;
            }
        }
    }

    public static bool IsPublicKey(string publicKey)
    {
        using var key = Import(publicKey);
        return key is not null;
    }

    /// <summary>A new key object each time: they are not safe to share between concurrent requests.</summary>
    private static ECDsa? Import(string publicKey)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
            if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value == P256)
            {
                return key;
            }
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
        }

        key.Dispose();
        return null;
    }
}
