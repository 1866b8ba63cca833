using System.IdentityModel.Tokens.Jwt;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Lucine.Functions.Realtime;

/// <summary>
/// The JWTs Azure SignalR Service accepts: HS256, signed with the connection string's AccessKey (its
/// UTF-8 bytes), the audience being the URL the token is presented to, the user in <c>nameid</c>.
/// </summary>
public sealed class ServiceTokens(SignalRServiceEndpoint endpoint, TimeProvider clock)
{
    /// <summary>A REST call's lifetime: each call signs its own, so it only has to outlive the call.</summary>
    private static readonly TimeSpan CallLifetime = TimeSpan.FromMinutes(5);

    private readonly SigningCredentials signing = new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(endpoint.AccessKey)), SecurityAlgorithms.HmacSha256);
    private readonly JwtSecurityTokenHandler handler = new();

    /// <summary>For a client connecting as <paramref name="user"/> to <paramref name="clientUrl"/>.</summary>
    public string ForClient(string clientUrl, string user, TimeSpan lifetime) => Sign(clientUrl, user, lifetime);

    /// <summary>For one REST call to <paramref name="url"/> (without its query).</summary>
    public string ForCall(string url) => Sign(url, null, CallLifetime);

    private string Sign(string audience, string? user, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var payload = new JwtPayload(issuer: null, audience, claims: null, notBefore: null, expires: now + lifetime, issuedAt: now);
        if (user is not null)
        {
            payload[JwtRegisteredClaimNames.NameId] = user;
        }

        return handler.WriteToken(new JwtSecurityToken(new JwtHeader(signing), payload));
    }
}
