using System.Security.Claims;
using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Queue;
using Lucine.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>Operators' accounts: login, logout, availability, and the admin's list of operators.</summary>
public static class OperatorEndpoints
{
    private const int MaxBodyBytes = 4096;

    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api/operators").WithTags("Operators");
        operators.MapPost("/login", LoginAsync).WithName("OperatorLogin");
        operators.MapPost("/logout", LogoutAsync).WithName("OperatorLogout").RequireAuthorization(LucineIdentity.OperatorPolicy);
        operators.MapGet("/me", MeAsync).WithName("OperatorMe").RequireAuthorization(LucineIdentity.OperatorPolicy);
        operators.MapPut("/me/availability", SetAvailabilityAsync).WithName("OperatorAvailability").RequireAuthorization(LucineIdentity.OperatorPolicy);
        operators.MapGet("", ListAsync).WithName("Operators").RequireAuthorization(LucineIdentity.SupervisorPolicy);
        operators.MapPost("", CreateAsync).WithName("CreateOperator").RequireAuthorization(LucineIdentity.AdminPolicy);
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

        if (string.IsNullOrWhiteSpace(body!.Username) || string.IsNullOrEmpty(body.Password))
        {
            return Problems.Invalid("invalid-login", "Username and password required", "Send 'username' and 'password'.");
        }

        if (await throttle.CountAsync(clientAddress.Of(request.HttpContext), body.Username, cancellationToken) is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.TooManyLogins(wait);
        }

        var account = await store.FindAsync(body.Username, cancellationToken);
        if (!passwords.Verify(account, body.Password) || account is not { Active: true })
        {
            return Problems.InvalidCredentials();
        }

        var (token, expiresAt) = tokens.Issue(account);
        return TypedResults.Ok(new LoginResponse(token, expiresAt, OperatorProfile.From(account)));
    }

    private static async Task<NoContent> LogoutAsync(ClaimsPrincipal user, OperatorStore store, CancellationToken cancellationToken)
    {
        // A new stamp revokes every token issued before, on every device.
        await store.UpdateAsync(user.Username()!, account => account with { TokenStamp = Guid.NewGuid().ToString("N") }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> MeAsync(ClaimsPrincipal user, OperatorStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user.Username()!, cancellationToken) is { } account
            ? TypedResults.Ok(OperatorProfile.From(account))
            : Problems.InvalidOperatorToken();

    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> SetAvailabilityAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        OperatorStore store,
        Conversations conversations,
        QueueRouter router,
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

        var account = await store.UpdateAsync(user.Username()!, a => a with { Availability = availability }, cancellationToken);
        if (account is null)
        {
            return Problems.InvalidOperatorToken();
        }

        if (availability == OperatorAvailability.Offline)
        {
            // Nobody is at the desk: their chats go back to the queue, ahead of new ones.
            foreach (var chat in account.Chats)
            {
                // A chat that is not theirs any more refuses it, and stays as it is.
                if (SessionId.TryParse(chat, out var session))
                {
                    await conversations.RunAsync(session, new OperatorReleases(account.Ref, Supervising: false), new RunOptions(StorageScope.OperatorRequest), cancellationToken);
                }
            }
        }

        await router.RouteAsync(cancellationToken);
        return TypedResults.Ok(OperatorProfile.From(await store.FindAsync(account.Username, cancellationToken) ?? account));
    }

    private static async Task<Ok<ItemsResponse<OperatorProfile>>> ListAsync(OperatorStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemsResponse<OperatorProfile>((await store.ListAsync(cancellationToken)).Select(OperatorProfile.From).OrderBy(o => o.Username).ToList()));

    private static async Task<Results<Created<OperatorProfile>, ProblemHttpResult>> CreateAsync(
        HttpRequest request,
        OperatorStore store,
        PasswordPolicy passwords,
        IOptions<OperatorOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateOperatorRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var username = OperatorAccount.Normalize(body!.Username ?? string.Empty);
        if (!OperatorAccount.IsValidUsername(username))
        {
            return Problems.Invalid("invalid-username", "Invalid username", "The username must be 3 to 40 characters among a-z, 0-9, '.', '_' and '-'.");
        }

        if (string.IsNullOrWhiteSpace(body.DisplayName) || body.DisplayName.Length > 80)
        {
            return Problems.Invalid("invalid-display-name", "Invalid display name", "Send a 'displayName' of 1 to 80 characters.");
        }

        if (passwords.Weakness(body.Password ?? string.Empty) is { } weakness)
        {
            return Problems.Invalid("weak-password", "Password too weak", weakness);
        }

        if (body.Capacity is < 1 or > 50)
        {
            return Problems.Invalid("invalid-capacity", "Invalid capacity", "'capacity' must be between 1 and 50.");
        }

        if (body.Avatar is { } avatar && !(Uri.TryCreate(avatar, UriKind.Absolute, out var uri) && uri.Scheme == "https"))
        {
            return Problems.Invalid("invalid-avatar", "Invalid avatar", "'avatar' must be an https URL.");
        }

        var account = new OperatorAccount(
            username, body.DisplayName.Trim(), body.Avatar, body.Role ?? OperatorRole.Operator, passwords.Hash(body.Password!), Active: true,
            OperatorAvailability.Offline, body.Capacity ?? options.Value.DefaultCapacity, [], clock.GetUtcNow(), Guid.NewGuid().ToString("N"));
        if (!await store.CreateAsync(account, cancellationToken))
        {
            return Problems.Conflict("username-taken", "Username taken", $"An operator named \"{username}\" exists already.");
        }

        return TypedResults.Created($"/api/operators/{username}", OperatorProfile.From(account));
    }
}
