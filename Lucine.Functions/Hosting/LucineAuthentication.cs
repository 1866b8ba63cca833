using System.Security.Claims;
using System.Text.Encodings.Web;
using Lucine.Domain.Sessions;
using Lucine.Functions.Chat;
using Lucine.Functions.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

/// <summary>Who is calling: an operator (by their token) or a visitor (by their session token, on the hub).</summary>
public static class LucineIdentity
{
    public const string Scheme = "Lucine";
    public const string OperatorPolicy = "operator";
    public const string SupervisorPolicy = "supervisor";
    public const string AdminPolicy = "admin";
    public const string HubPolicy = "hub";

    public const string UsernameClaim = "lucine:operator";
    public const string RoleClaim = "lucine:role";
    public const string SessionClaim = "lucine:session";

    /// <summary>A visitor presents "session:&lt;id&gt;:&lt;token&gt;" where an operator presents a JWT.</summary>
    public const string VisitorTokenPrefix = "session:";

    public static string? Username(this ClaimsPrincipal user) => user.FindFirstValue(UsernameClaim);

    public static SessionId? Session(this ClaimsPrincipal user) =>
        SessionId.TryParse(user.FindFirstValue(SessionClaim), out var id) ? id : null;

    public static IServiceCollection AddLucineIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, LucineAuthenticationHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, p => p.RequireClaim(UsernameClaim))
            .AddPolicy(SupervisorPolicy, p => p.RequireClaim(RoleClaim, "supervisor", "admin"))
            .AddPolicy(AdminPolicy, p => p.RequireClaim(RoleClaim, "admin"))
            .AddPolicy(HubPolicy, p => p.RequireAssertion(c => c.User.HasClaim(x => x.Type is UsernameClaim or SessionClaim)));
        return services;
    }
}

/// <summary>
/// Reads the bearer token (or, for the hub's WebSocket, the access_token query parameter browsers
/// must use) and checks it fully: signature and lifetime, then the operator account is loaded so
/// that a deactivated operator or a logged-out token stops working at once.
/// </summary>
public sealed class LucineAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorTokens tokens,
    OperatorStore operators,
    SessionCredentials sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = PresentedToken();
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        if (token.StartsWith(LucineIdentity.VisitorTokenPrefix, StringComparison.Ordinal))
        {
            var parts = token[LucineIdentity.VisitorTokenPrefix.Length..].Split(':', 2);
            return parts.Length == 2 && SessionId.TryParse(parts[0], out var session) && sessions.IsValid(session, parts[1])
                ? Success(new Claim(LucineIdentity.SessionClaim, session.Value))
                : AuthenticateResult.Fail("invalid session token");
        }

        if (tokens.Read(token) is not { } claims)
        {
            return AuthenticateResult.Fail("invalid operator token");
        }

        var account = await operators.FindAsync(claims.Username, Context.RequestAborted);
        if (account is null || !account.Active || account.TokenStamp != claims.Stamp)
        {
            return AuthenticateResult.Fail("revoked operator token");
        }

        return Success(
            new Claim(LucineIdentity.UsernameClaim, account.Username),
            new Claim(LucineIdentity.RoleClaim, Wire.Name(account.Role)),
            new Claim(ClaimTypes.Name, account.DisplayName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failed = Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure is not null || PresentedToken() is { Length: > 0 };
        Response.Headers.WWWAuthenticate = failed ? "Bearer realm=\"lucine\", error=\"invalid_token\"" : "Bearer realm=\"lucine\"";
        await (failed ? Problems.InvalidOperatorToken() : Problems.OperatorTokenRequired()).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden("Your role does not allow this.").ExecuteAsync(Context);

    private string? PresentedToken() =>
        BearerToken.From(Request)

        // Browsers cannot set headers on a WebSocket: the SignalR client sends the token in the query, for the hub only.
        ?? (Request.Path.StartsWithSegments("/api/hub") ? Request.Query["access_token"].FirstOrDefault() : null);

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, LucineIdentity.Scheme)), LucineIdentity.Scheme));
}
