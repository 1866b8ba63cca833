using System.Globalization;
using System.Security.Claims;
using Lucine.Functions.Audit;
using Lucine.Functions.Hosting;
using Lucine.Functions.Queue;
using Lucine.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Operators;

/// <summary>An operator's own account: login, logout, profile, preferences, password, availability.</summary>
public static class OperatorEndpoints
{
    public const int MaxBodyBytes = 4096;

    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api/operators").WithTags("Operators");
        operators.MapPost("/login", LoginAsync).WithName("OperatorLogin");
        operators.MapPost("/logout", LogoutAsync).WithName("OperatorLogout").RequireAuthorization(LucineIdentity.AccountPolicy);
        operators.MapGet("/me", MeAsync).WithName("OperatorMe").RequireAuthorization(LucineIdentity.AccountPolicy);
        operators.MapPatch("/me", UpdateMeAsync).WithName("UpdateOperatorMe").RequireAuthorization(LucineIdentity.OperatorPolicy);
        operators.MapPut("/me/password", ChangePasswordAsync).WithName("ChangeOperatorPassword").RequireAuthorization(LucineIdentity.AccountPolicy);
        operators.MapPut("/me/availability", SetAvailabilityAsync).WithName("OperatorAvailability").RequireAuthorization(LucineIdentity.OperatorPolicy);
        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        HttpRequest request,
        OperatorStore store,
        PasswordPolicy passwords,
        OperatorTokens tokens,
        LoginThrottle throttle,
        ClientAddress clientAddress,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<LoginRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Who tried, as typed (never the password): the audit's actor, since there is no token yet.
        request.HttpContext.Audit().Actor = body!.Username;
        if (string.IsNullOrWhiteSpace(body.Username) || string.IsNullOrEmpty(body.Password))
        {
            return Problems.Invalid("invalid-login", "Username and password required", "Send 'username' and 'password'.");
        }

        // Checked before anything is read: a username is a storage key.
        if (OperatorFields.CheckUsername(OperatorAccount.Normalize(body.Username)) is { } invalid)
        {
            return invalid;
        }

        var address = clientAddress.Of(request.HttpContext);
        if (await throttle.RefusesAsync(address, body.Username, cancellationToken) is { } refusal)
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(refusal.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return refusal.Delayed ? Problems.LoginDelayed(refusal.RetryAfter) : Problems.TooManyLogins(refusal.RetryAfter);
        }

        var account = await store.FindAsync(body.Username, cancellationToken);
        if (!passwords.Verify(account, body.Password) || account is not { Active: true })
        {
            await throttle.FailedAsync(address, body.Username, cancellationToken);
            return Problems.InvalidCredentials();
        }

        await throttle.SucceededAsync(address, account.Username, cancellationToken);
        var (token, expiresAt) = tokens.Issue(account);
        return TypedResults.Ok(new LoginResponse(token, expiresAt, OperatorProfile.From(account)));
    }

    private static async Task<NoContent> LogoutAsync(ClaimsPrincipal user, OperatorStore store, CancellationToken cancellationToken)
    {
        // A new stamp revokes every token issued before, on every device.
        await store.UpdateAsync(user.Username()!, account => account with { TokenStamp = OperatorTokens.NewStamp() }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> MeAsync(ClaimsPrincipal user, OperatorStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user.Username()!, cancellationToken) is { } account
            ? TypedResults.Ok(OperatorProfile.From(account))
            : Problems.InvalidOperatorToken();

    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> UpdateMeAsync(
        HttpRequest request, ClaimsPrincipal user, OperatorStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<UpdateMeRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var invalid = (body!.DisplayName is not null ? OperatorFields.CheckDisplayName(body.DisplayName) : null) ?? OperatorFields.CheckPreferences(body.Preferences);
        if (invalid is not null)
        {
            return invalid;
        }

        var account = await store.UpdateAsync(user.Username()!, current => current with
        {
            DisplayName = body.DisplayName?.Trim() ?? current.DisplayName,
            Preferences = body.Preferences?.ApplyTo(current.Preferences) ?? current.Preferences,
        }, cancellationToken);
        if (account is null)
        {
            return Problems.InvalidOperatorToken();
        }

        if (body.DisplayName is not null)
        {
            request.HttpContext.Audit().Details["displayName"] = account.DisplayName;
        }

        return TypedResults.Ok(OperatorProfile.From(account));
    }

    /// <summary>The one call open to an account whose password was reset; it answers with a new token, since every other one stops working.</summary>
    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> ChangePasswordAsync(
        HttpRequest request, ClaimsPrincipal user, OperatorStore store, PasswordPolicy passwords, OperatorTokens tokens, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ChangePasswordRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var account = await store.FindAsync(user.Username()!, cancellationToken);
        if (string.IsNullOrEmpty(body!.CurrentPassword) || !passwords.Verify(account, body.CurrentPassword))
        {
            return Problems.Invalid("wrong-current-password", "Current password wrong", "'currentPassword' is not the account's password.");
        }

        if (passwords.Weakness(body.NewPassword ?? string.Empty) is { } weakness)
        {
            return Problems.Invalid("weak-password", "Password too weak", weakness);
        }

        if (passwords.Verify(account, body.NewPassword!))
        {
            return Problems.Invalid("same-password", "Same password", "Choose a password different from the current one.");
        }

        var hash = passwords.Hash(body.NewPassword!);
        var changed = await store.UpdateAsync(account!.Username, current => current with
        {
            PasswordHash = hash,
            MustChangePassword = false,
            TokenStamp = OperatorTokens.NewStamp(),
        }, cancellationToken);
        var (token, expiresAt) = tokens.Issue(changed!);
        return TypedResults.Ok(new LoginResponse(token, expiresAt, OperatorProfile.From(changed!)));
    }

    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> SetAvailabilityAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        OperatorStore store,
        OperatorDeparture departure,
        QueueRouter router,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AvailabilityRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Availability is not { } availability)
        {
            return Problems.Invalid("invalid-availability", "Availability required", "Send 'availability': one of online, away, offline.");
        }

        // Online with no connection open (an API client, a dashboard that lost its own) starts the grace period now.
        var account = await store.UpdateAsync(user.Username()!, a => a with
        {
            Availability = availability,
            PresenceLapsed = false,
            DisconnectedAt = a.Connections.Count == 0 ? a.DisconnectedAt ?? clock.GetUtcNow() : null,
        }, cancellationToken);
        if (account is null)
        {
            return Problems.InvalidOperatorToken();
        }

        request.HttpContext.Audit().Details["availability"] = Wire.Name(availability);
        if (availability == OperatorAvailability.Offline)
        {
            await departure.ReleaseChatsAsync(account, StorageScope.OperatorRequest, cancellationToken);
        }
        else
        {
            await router.RouteAsync(cancellationToken);
        }

        return TypedResults.Ok(OperatorProfile.From(await store.FindAsync(account.Username, cancellationToken) ?? account));
    }
}
