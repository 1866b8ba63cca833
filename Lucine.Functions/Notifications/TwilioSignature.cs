using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Verifies Twilio's X-Twilio-Signature: base64 of HMAC-SHA1, keyed with the Auth Token, over the full
/// URL Twilio called followed by every POST parameter, sorted by name, as name then value with no
/// separator. Compared in constant time.
/// </summary>
public sealed class TwilioSignature(IOptions<TwilioOptions> options)
{
    public const string Header = "X-Twilio-Signature";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.AuthToken);

    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature) =>
        options.Value.AuthToken is { Length: > 0 } token && IsValid(token, url, parameters, signature);

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Hash(authToken, url, parameters);
        var presented = new byte[expected.Length];
        return Convert.TryFromBase64String(signature, presented, out var length)
            && length == expected.Length
            && CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private static byte[] Hash(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        // Case-sensitive ordinal order, as Twilio sorts; a repeated name keeps its values in order too.
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
    }
}
