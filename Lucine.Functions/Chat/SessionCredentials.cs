using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Lucine.Domain.Sessions;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>
/// Session ids and the tokens that prove a visitor owns one. A token is an HMAC of the session id
/// under a server key: nothing is stored, so a stolen database does not leak tokens, and checking one
/// costs no storage round trip.
/// </summary>
public sealed class SessionCredentials(IOptions<SecurityOptions> options)
{
    /// <summary>
    /// A first message whose client message id is at least this long (a UUID, say) opens a session
    /// whose id is derived from that id, so that a retried first message reaches the same session
    /// instead of opening a second one. Shorter ids cannot be trusted to be unique across visitors.
    /// </summary>
    public const int MinFirstMessageIdLength = 22;

    private const string Version = "v1.";
    private readonly byte[] key = Convert.FromBase64String(options.Value.SessionTokenKey!);

    public (SessionId Id, string Token) Open(string? firstClientMessageId)
    {
        var id = SessionId.FromBytes(firstClientMessageId is { Length: >= MinFirstMessageIdLength }
            ? Hmac("lucine/first-message/v1/" + firstClientMessageId).AsSpan(0, 16)
            : RandomNumberGenerator.GetBytes(16));
        return (id, TokenFor(id));
    }

    public bool IsValid(SessionId id, string? token) =>
        token is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(TokenFor(id)));

    public string TokenFor(SessionId id) => Version + Base64Url.EncodeToString(Hmac("lucine/session-token/v1/" + id.Value));

    private byte[] Hmac(string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
}
