using System.Security.Claims;
using System.Text.Encodings.Web;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>
/// Checks an operator's token fully: signature and lifetime, then the account is read, so that a
/// deactivated operator or a logged-out token stops working at once. The account's name, avatar and
/// role travel in the claims, so that endpoints need not read it again.
/// </summary>
public sealed class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorTokens tokens,
    OperatorStore operators)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.PresentedToken() is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
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

        List<Claim> identity =
        [
            new(LucineIdentity.UsernameClaim, account.Username),
            new(LucineIdentity.RoleClaim, Wire.Name(account.Role)),
            new(ClaimTypes.Name, account.DisplayName),
        ];
        if (account.MustChangePassword)
        {
            identity.Add(new Claim(LucineIdentity.PasswordChangeClaim, "required"));
        }

        if (account.Avatar is { } avatar)
        {
            identity.Add(new Claim(LucineIdentity.AvatarClaim, avatar));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(identity, Scheme.Name)), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = Request.PresentedToken() is { Length: > 0 };
        Response.Headers.WWWAuthenticate = presented ? "Bearer realm=\"lucine\", error=\"invalid_token\"" : "Bearer realm=\"lucine\"";
        await (presented ? Problems.InvalidOperatorToken() : Problems.OperatorTokenRequired()).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        (LucineIdentity.PasswordIsTheirs(Context.User) ? Problems.Forbidden("Your role does not allow this.") : Problems.PasswordChangeRequired()).ExecuteAsync(Context);
}
