using Lucine.Functions.Audit;
using Lucine.Functions.Hosting;
using Lucine.Functions.Realtime;
using Lucine.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>
/// The team, as admins run it: list (supervisors too), create, edit, deactivate and reactivate, reset a
/// password, log someone out everywhere. Every call is in the audit log, with the account's values after it. The team always keeps one
/// active admin, so that nobody can lock everybody out.
/// </summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder app)
    {
        var team = app.MapGroup("/api/operators").WithTags("Team");
        team.MapGet("", ListAsync).WithName("Operators").RequireAuthorization(LucineIdentity.SupervisorPolicy);
        team.MapPost("", CreateAsync).WithName("CreateOperator").RequireAuthorization(LucineIdentity.AdminPolicy);
        team.MapPatch("/{username}", UpdateAsync).WithName("UpdateOperator").RequireAuthorization(LucineIdentity.AdminPolicy);
        team.MapPost("/{username}/deactivate", DeactivateAsync).WithName("DeactivateOperator").RequireAuthorization(LucineIdentity.AdminPolicy);
        team.MapPost("/{username}/reactivate", ReactivateAsync).WithName("ReactivateOperator").RequireAuthorization(LucineIdentity.AdminPolicy);
        team.MapPost("/{username}/password", ResetPasswordAsync).WithName("ResetOperatorPassword").RequireAuthorization(LucineIdentity.AdminPolicy);
        team.MapPost("/{username}/sign-out", SignOutAsync).WithName("SignOutOperator").RequireAuthorization(LucineIdentity.AdminPolicy);
        return app;
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
        var (body, problem) = await JsonBody.ReadAsync<CreateOperatorRequest>(request, OperatorEndpoints.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var username = OperatorAccount.Normalize(body!.Username ?? string.Empty);
        var invalid = OperatorFields.CheckUsername(username)
            ?? OperatorFields.CheckDisplayName(body.DisplayName)
            ?? (passwords.Weakness(body.Password ?? string.Empty) is { } weakness ? Problems.Invalid("weak-password", "Password too weak", weakness) : null)
            ?? OperatorFields.CheckCapacity(body.Capacity)
            ?? OperatorFields.CheckAvatar(body.Avatar);
        if (invalid is not null)
        {
            return invalid;
        }

        var account = new OperatorAccount(
            username, body.DisplayName!.Trim(), body.Avatar is { Length: > 0 } avatar ? avatar : null, body.Role ?? OperatorRole.Operator, passwords.Hash(body.Password!),
            Active: true, OperatorAvailability.Offline, body.Capacity ?? options.Value.DefaultCapacity, [], clock.GetUtcNow(), OperatorTokens.NewStamp());
        if (!await store.CreateAsync(account, cancellationToken))
        {
            return Problems.Conflict("username-taken", "Username taken", $"An operator named \"{username}\" exists already.");
        }

        request.HttpContext.Audit().Add(Describe(account));
        return TypedResults.Created($"/api/operators/{username}", OperatorProfile.From(account));
    }

    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> UpdateAsync(
        string username, HttpRequest request, OperatorStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<UpdateOperatorRequest>(request, OperatorEndpoints.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var invalid = OperatorFields.CheckUsername(OperatorAccount.Normalize(username))
            ?? (body!.DisplayName is not null ? OperatorFields.CheckDisplayName(body.DisplayName) : null)
            ?? OperatorFields.CheckCapacity(body.Capacity)
            ?? OperatorFields.CheckAvatar(body.Avatar);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body!.Role is OperatorRole.Operator or OperatorRole.Supervisor && await LastAdminAsync(store, username, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await ChangeAsync(store, request.HttpContext, username, current => current with
        {
            DisplayName = body.DisplayName?.Trim() ?? current.DisplayName,
            Avatar = body.Avatar is null ? current.Avatar : body.Avatar.Length == 0 ? null : body.Avatar,
            Role = body.Role ?? current.Role,
            Capacity = body.Capacity ?? current.Capacity,
        }, cancellationToken);
    }

    /// <summary>A deactivated operator cannot log in, every token of theirs stops working, their realtime connections close, and their chats go back to the queue.</summary>
    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> DeactivateAsync(
        string username,
        HttpContext context,
        OperatorStore store,
        OperatorDeparture departure,
        IRealtimeChannel realtime,
        CancellationToken cancellationToken)
    {
        if (OperatorFields.CheckUsername(OperatorAccount.Normalize(username)) is { } invalid)
        {
            return invalid;
        }

        if (await LastAdminAsync(store, username, cancellationToken) is { } refused)
        {
            return refused;
        }

        var result = await ChangeAsync(store, context, username, current => current with
        {
            Active = false,
            Availability = OperatorAvailability.Offline,
            PresenceLapsed = false,
            TokenStamp = OperatorTokens.NewStamp(),
        }, cancellationToken);
        if (result.Result is Ok<OperatorProfile> && await store.FindAsync(username, cancellationToken) is { } account)
        {
            await realtime.DisconnectAsync(RealtimeUsers.Operator(account.Username), account.Connections, cancellationToken);
            await departure.ReleaseChatsAsync(account, StorageScope.OperatorRequest, cancellationToken);
        }

        return result;
    }

    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> ReactivateAsync(
        string username, HttpContext context, OperatorStore store, CancellationToken cancellationToken) =>
        OperatorFields.CheckUsername(OperatorAccount.Normalize(username)) is { } invalid
            ? invalid
            : await ChangeAsync(store, context, username, current => current with { Active = true }, cancellationToken);

    /// <summary>The temporary password is the admin's to pass on; the operator must replace it at the next login, and is logged out everywhere now.</summary>
    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> ResetPasswordAsync(
        string username,
        HttpRequest request,
        OperatorStore store,
        PasswordPolicy passwords,
        IRealtimeChannel realtime,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PasswordResetRequest>(request, OperatorEndpoints.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (OperatorFields.CheckUsername(OperatorAccount.Normalize(username)) is { } invalid)
        {
            return invalid;
        }

        if (passwords.Weakness(body!.Password ?? string.Empty) is { } weakness)
        {
            return Problems.Invalid("weak-password", "Password too weak", weakness);
        }

        var hash = passwords.Hash(body.Password!);
        return await SignedOutAsync(store, realtime, username, await ChangeAsync(store, request.HttpContext, username, current => current with
        {
            PasswordHash = hash,
            MustChangePassword = true,
            TokenStamp = OperatorTokens.NewStamp(),
        }, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> SignOutAsync(
        string username, HttpContext context, OperatorStore store, IRealtimeChannel realtime, CancellationToken cancellationToken) =>
        OperatorFields.CheckUsername(OperatorAccount.Normalize(username)) is { } invalid
            ? invalid
            : await SignedOutAsync(store, realtime, username, await ChangeAsync(store, context, username,
                current => current with { TokenStamp = OperatorTokens.NewStamp() }, cancellationToken), cancellationToken);

    /// <summary>Tokens stop working at the next call; the realtime connections they opened are closed too.</summary>
    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> SignedOutAsync(
        OperatorStore store, IRealtimeChannel realtime, string username, Results<Ok<OperatorProfile>, ProblemHttpResult> result, CancellationToken cancellationToken)
    {
        if (result.Result is Ok<OperatorProfile> && await store.FindAsync(username, cancellationToken) is { } account)
        {
            await realtime.DisconnectAsync(RealtimeUsers.Operator(account.Username), account.Connections, cancellationToken);
        }

        return result;
    }

    private static async Task<Results<Ok<OperatorProfile>, ProblemHttpResult>> ChangeAsync(
        OperatorStore store, HttpContext context, string username, Func<OperatorAccount, OperatorAccount> change, CancellationToken cancellationToken)
    {
        var (before, after) = await store.ChangeAsync(username, change, cancellationToken);
        if (after is null)
        {
            return Problems.NotFound("operator-not-found", "Operator not found", $"There is no operator \"{OperatorAccount.Normalize(username)}\".");
        }

        context.Audit().Add(Describe(after)).Details["changed"] = ReferenceEquals(before, after) ? "false" : "true";

        return TypedResults.Ok(OperatorProfile.From(after));
    }

    /// <summary>Refuses a change that would leave the team without an active admin.</summary>
    private static async Task<ProblemHttpResult?> LastAdminAsync(OperatorStore store, string username, CancellationToken cancellationToken)
    {
        var target = OperatorAccount.Normalize(username);
        var team = await store.ListAsync(cancellationToken);
        return team.Any(a => a.Username == target && a.Role == OperatorRole.Admin && a.Active)
            && !team.Any(a => a.Username != target && a.Role == OperatorRole.Admin && a.Active)
            ? Problems.Conflict("last-admin", "Last admin", "The team must keep at least one active admin: make someone else admin first.")
            : null;
    }

    /// <summary>What the audit keeps of an account: what an admin can change, never the password or its hash.</summary>
    private static Dictionary<string, string> Describe(OperatorAccount account) => new()
    {
        ["displayName"] = account.DisplayName,
        ["role"] = Wire.Name(account.Role),
        ["capacity"] = account.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["active"] = account.Active ? "true" : "false",
    };
}
