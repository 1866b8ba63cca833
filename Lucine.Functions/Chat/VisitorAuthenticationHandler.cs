using System.Security.Claims;
using System.Text.Encodings.Web;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>
/// A visitor's session token proves which session they own (it names it, under the server's MAC):
/// checked here without a storage round trip, for the chat API and the hub alike.
/// </summary>
public sealed class VisitorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Realm = "Bearer realm=\"lucine-session\"";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(
        Request.PresentedToken() is not { Length: > 0 } token ? AuthenticateResult.NoResult()
        : credentials.Verify(token) is { } session
            ? AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(LucineIdentity.SessionClaim, session.Value)], Scheme.Name)), Scheme.Name))
            : AuthenticateResult.Fail("invalid session token"));

    /// <summary>
    /// Null when the caller proved they own <paramref name="session"/>; otherwise the 401 to answer:
    /// no token at all, or one that is not this session's.
    /// </summary>
    public static ProblemHttpResult? Refusal(HttpContext context, SessionId session)
    {
        if (context.User.Session() == session)
        {
            return null;
        }

        var presented = context.Request.PresentedToken() is { Length: > 0 };
        context.Response.Headers.WWWAuthenticate = presented ? Realm + ", error=\"invalid_token\"" : Realm;
        return presented ? Problems.InvalidSessionToken() : Problems.SessionTokenRequired();
    }
}
