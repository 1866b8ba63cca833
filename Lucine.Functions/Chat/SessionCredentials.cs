using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>
/// Session ids and the tokens that prove a visitor owns one. A token names its session and carries an
/// HMAC of it under a server key ("v2.&lt;session id&gt;.&lt;mac&gt;"): nothing is stored, so a stolen
/// database does not leak tokens, and checking one costs no storage round trip.
/// </summary>
public sealed class SessionCredentials(IOptions<SecurityOptions> options)
{
    /// <summary>
    /// A first message whose client message id is at least this long (a UUID, say) opens a session
    /// whose id is derived from that id, so that a retried first message reaches the same session
    /// instead of opening a second one. Shorter ids cannot be trusted to be unique across visitors.
    /// </summary>
    public const int MinFirstMessageIdLength = 22;

    private const string Version = "v2.";
    private readonly byte[] key = Convert.FromBase64String(options.Value.SessionTokenKey!);

    /// <summary>Whether a presented token has a session token's shape (operators present JWTs).</summary>
    public static bool IsSessionToken(string? token) => token?.StartsWith(Version, StringComparison.Ordinal) == true;

    public (SessionId Id, string Token) Open(string? firstClientMessageId)
    {
        var id = SessionId.FromBytes(firstClientMessageId is { Length: >= MinFirstMessageIdLength }
            ? Hmac("lucine/first-message/v1/" + firstClientMessageId).AsSpan(0, 16)
            : RandomNumberGenerator.GetBytes(16));
        return (id, TokenFor(id));
    }

    /// <summary>The session a token proves, or null for anything forged, truncated or not ours.</summary>
    public SessionId? Verify(string? token)
    {
        if (!IsSessionToken(token) || token!.Length != Version.Length + SessionId.Length + 1 + MacLength
            || !SessionId.TryParse(token.Substring(Version.Length, SessionId.Length), out var id))
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(TokenFor(id))) ? id : null;
    }

    /// <summary>
    /// What is stored for a widget's own random id: a keyed hash, so that the same browser is recognised
    /// on this site and the stored value means nothing anywhere else (nor is the id recoverable).
    /// </summary>
    public string VisitorKey(string widgetId) => Convert.ToHexString(Hmac("lucine/widget-id/v1/" + widgetId));

    /// <summary>Who an erasure was about, kept without their address: the same subject gives the same key, and it means nothing elsewhere.</summary>
    public string SubjectKey(string subject) => Convert.ToHexString(Hmac("lucine/privacy-subject/v1/" + subject));

    public string TokenFor(SessionId id) => $"{Version}{id.Value}.{Base64Url.EncodeToString(Hmac("lucine/session-token/v2/" + id.Value))}";

    /// <summary>A SHA-256 MAC in unpadded base64url.</summary>
    private const int MacLength = 43;

    private byte[] Hmac(string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
}
