using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Lucine.Functions.Operators;

/// <summary>What an operator token proves, once its signature and lifetime are checked.</summary>
public sealed record OperatorClaims(string Username, string Stamp);

/// <summary>
/// Operator logins as HS256 JWTs signed with <c>Security:OperatorTokenKey</c>. The subject is the
/// operator; the stamp ties the token to the account's current login generation (logout revokes).
/// </summary>
public sealed class OperatorTokens
{
    public const string Issuer = "lucine";
    public const string Audience = "lucine-operators";
    private const string StampClaim = "stamp";

    private readonly SymmetricSecurityKey key;
    private readonly TimeProvider clock;
    private readonly OperatorOptions options;
    private readonly JwtSecurityTokenHandler handler = new() { MapInboundClaims = false };

    public OperatorTokens(IOptions<SecurityOptions> security, IOptions<OperatorOptions> options, TimeProvider clock)
    {
        key = new SymmetricSecurityKey(Convert.FromBase64String(security.Value.OperatorTokenKey!));
        this.clock = clock;
        this.options = options.Value;
    }

    /// <summary>A new login generation: tokens issued with any earlier stamp stop working.</summary>
    public static string NewStamp() => Guid.NewGuid().ToString("N");

    public (string Token, DateTimeOffset ExpiresAt) Issue(OperatorAccount account)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.TokenLifetime;
        var token = handler.CreateEncodedJwt(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, account.Username), new Claim(StampClaim, account.TokenStamp)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>The claims of a valid token; null for anything forged, expired, or not ours.</summary>
    public OperatorClaims? Read(string token)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            // The injected clock decides what "now" is, so that expiry is testable without waiting.
            LifetimeValidator = (notBefore, expires, _, p) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore.Value - p.ClockSkew <= now) && expires is { } end && now < end + p.ClockSkew;
            },
        };
        try
        {
            var principal = handler.ValidateToken(token, parameters, out _);
            var subject = principal.FindFirstValue(JwtRegisteredClaimNames.Sub);
            var stamp = principal.FindFirstValue(StampClaim);
            return subject is null || stamp is null ? null : new OperatorClaims(subject, stamp);
        }
        catch (Exception e) when (e is SecurityTokenException or ArgumentException)
        {
            return null;
        }
    }
}
