using System.Text;
using EllipticCurve;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Checks SendGrid's Signed Event Webhook with the SendGrid SDK's <see cref="RequestValidator"/>: an
/// ECDSA P-256 signature over the timestamp header followed by the raw body. The signature proves who
/// sent it, not when: the signed timestamp must also be recent (<see cref="SendGridOptions.WebhookTolerance"/>),
/// so that a captured request cannot be replayed later.
/// </summary>
public sealed class SendGridWebhookVerifier(IOptions<SendGridOptions> options, TimeProvider clock)
{
    public const string SignatureHeader = RequestValidator.SIGNATURE_HEADER;
    public const string TimestampHeader = RequestValidator.TIMESTAMP_HEADER;

    /// <summary>The validator hashes the body as a string's UTF-8 bytes: a body that is not UTF-8 cannot be what SendGrid signed.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Read once: reading checks the point on the curve, which costs as much as a verification. The key is immutable.</summary>
    private readonly PublicKey? publicKey = options.Value.EventWebhookPublicKey is { Length: > 0 } key ? ReadPublicKey(key) : null;

    public bool IsConfigured => publicKey is not null;

    public bool IsValid(string? timestamp, byte[] body, string? signature)
    {
        if (publicKey is null || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        try
        {
            return new RequestValidator().VerifySignature(publicKey, StrictUtf8.GetString(body), signature, timestamp);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            return false;
        }
    }

    /// <summary>The timestamp header (Unix seconds) is within the tolerance of now, either way (clocks differ a little).</summary>
    public bool IsFresh(string? timestamp) =>
        long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
        && (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= options.Value.WebhookTolerance;

    /// <summary>The key as SendGrid shows it (base64 of the SubjectPublicKeyInfo), or null unless it is an ECDSA P-256 public key.</summary>
    public static PublicKey? ReadPublicKey(string publicKey)
    {
        try
        {
            var key = new RequestValidator().ConvertPublicKeyToECDSA(publicKey);
            return key.curve == Curves.prime256v1 ? key : null;
        }
        catch (Exception e) when (IsMalformed(e))
        {
            return null;
        }
    }

    /// <summary>How the SDK's DER and base64 parsing fails on bytes that are not a key or a signature.</summary>
    private static bool IsMalformed(Exception e) =>
        e is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException;
}
