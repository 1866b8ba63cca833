using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Who is calling: an operator (their JWT) or a visitor (their session token). Each has its own
/// authentication handler (<see cref="Operators.OperatorAuthenticationHandler"/>,
/// <see cref="Chat.VisitorAuthenticationHandler"/>); the token's shape picks the handler.
/// </summary>
public static class LucineIdentity
{
    public const string Scheme = "Lucine";
    public const string OperatorScheme = "Operator";
    public const string VisitorScheme = "Visitor";

    /// <summary>Any logged-in operator, even one who must change a reset password first: only their own account's calls use it.</summary>
    public const string AccountPolicy = "account";
    public const string OperatorPolicy = "operator";
    public const string SupervisorPolicy = "supervisor";
    public const string AdminPolicy = "admin";
    public const string HubPolicy = "hub";

    public const string UsernameClaim = "lucine:operator";
    public const string RoleClaim = "lucine:role";
    public const string AvatarClaim = "lucine:avatar";
    public const string SessionClaim = "lucine:session";

    /// <summary>Present while the account's password was reset by an admin and not yet replaced.</summary>
    public const string PasswordChangeClaim = "lucine:password-change";

    private const string BearerPrefix = "Bearer ";

    public static string? Username(this ClaimsPrincipal user) => user.FindFirstValue(UsernameClaim);

    /// <summary>The operator as visitors see them, from the token's account (read once, when it was authenticated).</summary>
    public static OperatorRef Operator(this ClaimsPrincipal user) =>
        new(user.Username()!, user.FindFirstValue(ClaimTypes.Name) ?? user.Username()!, user.FindFirstValue(AvatarClaim));

    /// <summary>Supervisors and admins may act on any chat.</summary>
    public static bool MaySupervise(this ClaimsPrincipal user) => user.HasClaim(RoleClaim, "supervisor") || user.HasClaim(RoleClaim, "admin");

    public static SessionId? Session(this ClaimsPrincipal user) =>
        SessionId.TryParse(user.FindFirstValue(SessionClaim), out var id) ? id : null;

    /// <summary>
    /// The token the caller presents: <c>Authorization: Bearer …</c>, or for a visitor <c>X-Session-Token</c>;
    /// on the hub's WebSocket, where browsers cannot set headers, the SignalR client's <c>access_token</c> query.
    /// </summary>
    public static string? PresentedToken(this HttpRequest request) =>
        (request.Headers.Authorization.FirstOrDefault() is { } authorization && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : null)
        ?? request.Headers["X-Session-Token"].FirstOrDefault()
        ?? (request.Path.StartsWithSegments(Realtime.LucineHub.Path) ? request.Query["access_token"].FirstOrDefault() : null);

    /// <summary>False while an admin's temporary password is still the account's: until it is changed, the account can do nothing else.</summary>
    public static bool PasswordIsTheirs(ClaimsPrincipal user) => !user.HasClaim(x => x.Type == PasswordChangeClaim);

    public static IServiceCollection AddLucineIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "An operator's or a visitor's token", scheme => scheme.ForwardDefaultSelector = context =>
                Chat.SessionCredentials.IsSessionToken(context.Request.PresentedToken()) ? VisitorScheme : OperatorScheme)
            .AddScheme<AuthenticationSchemeOptions, Operators.OperatorAuthenticationHandler>(OperatorScheme, null)
            .AddScheme<AuthenticationSchemeOptions, Chat.VisitorAuthenticationHandler>(VisitorScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccountPolicy, p => p.RequireClaim(UsernameClaim))
            .AddPolicy(OperatorPolicy, p => p.RequireClaim(UsernameClaim).RequireAssertion(c => PasswordIsTheirs(c.User)))
            .AddPolicy(SupervisorPolicy, p => p.RequireClaim(RoleClaim, "supervisor", "admin").RequireAssertion(c => PasswordIsTheirs(c.User)))
            .AddPolicy(AdminPolicy, p => p.RequireClaim(RoleClaim, "admin").RequireAssertion(c => PasswordIsTheirs(c.User)))
            .AddPolicy(HubPolicy, p => p.RequireAssertion(c => c.User.HasClaim(x => x.Type == SessionClaim) || (c.User.HasClaim(x => x.Type == UsernameClaim) && PasswordIsTheirs(c.User))));
        return services;
    }
}
