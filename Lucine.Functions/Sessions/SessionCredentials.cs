using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Lucine.Domain.Sessions;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Sessions;

/// <summary>
/// New session ids and the tokens that prove a visitor owns one. A token is an HMAC of the session id
/// under a server key: nothing is stored, so a stolen database does not leak tokens, and checking one
/// costs no storage round trip.
/// </summary>
public sealed class SessionCredentials(IOptions<SecurityOptions> options)
{
    private const string Version = "v1.";
    private readonly byte[] key = Convert.FromBase64String(options.Value.SessionTokenKey!);

    public (SessionId Id, string Token) Issue()
    {
        var id = SessionId.FromRandomBytes(RandomNumberGenerator.GetBytes(16));
        return (id, TokenFor(id));
    }

    public bool IsValid(SessionId id, string? token) =>
        token is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(TokenFor(id)));

    private string TokenFor(SessionId id) =>
        Version + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("lucine/session-token/v1/" + id.Value)));
}
