using System.Globalization;
using System.Security.Claims;
using Lucine.Functions.Audit;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Knowledge;

/// <summary>
/// The admins' seasons: read the current schedule (with today's warning), save a new one (checked,
/// guarded by the version it was edited from), the history and one version. A save answers visitors
/// at once on this instance and within <see cref="KnowledgeOptions.RefreshInterval"/> on the others.
/// </summary>
public static class SeasonEndpoints
{
    public const string Path = "/api/admin/seasons";
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapSeasonEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Seasons").RequireAuthorization(LucineIdentity.AdminPolicy);
        group.MapGet("", CurrentAsync).WithName("AdminSeasons");
        group.MapPut("", SaveAsync).WithName("AdminSeasonsSave");
        group.MapGet("/versions", VersionsAsync).WithName("AdminSeasonsVersions");
        group.MapGet("/versions/{version}", VersionAsync).WithName("AdminSeasonsVersion");
        return app;
    }

    private static async Task<Ok<SeasonScheduleResponse>> CurrentAsync(HttpResponse response, Seasons seasons, ParkClock park, CancellationToken cancellationToken)
    {
        var current = await seasons.CurrentAsync(cancellationToken);
        VersionTags.SetETag(response, current.Version.Number);
        return TypedResults.Ok(SeasonScheduleResponse.From(current, current.Schedule.WarningOn(park.Today)));
    }

    private static async Task<Results<Created<SeasonScheduleResponse>, ProblemHttpResult>> SaveAsync(
        HttpRequest request, ClaimsPrincipal user, Seasons seasons, ParkClock park, CancellationToken cancellationToken)
    {
        if (!VersionTags.TryReadIfMatch(request, out var expected))
        {
            return Problems.Invalid("invalid-if-match", "Invalid If-Match", "If-Match must be the ETag of the version you edited, as GET gave it (e.g. \"3\").");
        }

        var (body, problem) = await JsonBody.ReadAsync<SeasonScheduleRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (schedule, errors) = body!.Parse();
        if (schedule is null)
        {
            return Problems.InvalidSeasons(errors);
        }

        VersionedSeasons saved;
        try
        {
            saved = await seasons.SaveAsync(schedule, user.Username()!, expected, cancellationToken);
        }
        catch (KnowledgeSaveConflictException conflict)
        {
            return Problems.SeasonsChanged(conflict.Expected, conflict.Current);
        }

        request.HttpContext.Audit().Details["version"] = saved.Version.Number.ToString(CultureInfo.InvariantCulture);
        VersionTags.SetETag(request.HttpContext.Response, saved.Version.Number);
        return TypedResults.Created($"{Path}/versions/{saved.Version.Number}", SeasonScheduleResponse.From(saved, schedule.WarningOn(park.Today)));
    }

    private static async Task<Results<Ok<ItemsResponse<KnowledgeVersionItem>>, ProblemHttpResult>> VersionsAsync(
        string? before, string? limit, Seasons seasons, CancellationToken cancellationToken)
    {
        var (page, problem) = VersionPage.Read(before, limit);
        if (problem is not null)
        {
            return problem;
        }

        var items = await seasons.ListAsync(page!.Before, page.Limit, cancellationToken);
        return TypedResults.Ok(new ItemsResponse<KnowledgeVersionItem>(items.Select(KnowledgeVersionItem.From).ToList()));
    }

    private static async Task<Results<Ok<SeasonScheduleResponse>, ProblemHttpResult>> VersionAsync(
        string version, HttpResponse response, Seasons seasons, ParkClock park, CancellationToken cancellationToken)
    {
        if (!VersionTags.TryVersion(version, out var number))
        {
            return Problems.Invalid("invalid-version", "Invalid version", "A version is a whole number: 0 is the configured season, 1 and up were saved by admins.");
        }

        if (await seasons.ReadAsync(number, cancellationToken) is not { } found)
        {
            return Problems.NotFound("seasons-version-not-found", "Version not found", $"There is no season schedule version {number}.");
        }

        VersionTags.SetETag(response, number);
        return TypedResults.Ok(SeasonScheduleResponse.From(found, found.Schedule.WarningOn(park.Today)));
    }
}
