using System.Globalization;
using System.Security.Claims;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Knowledge;

/// <summary>
/// The admins' knowledge base: read the current version, save a new one (checked against the schema
/// and the rules, guarded by the version it was edited from), the history, one version, restoring an
/// old one as a new version, and the schema itself. A save answers visitors at once on this instance
/// and within <see cref="KnowledgeOptions.RefreshInterval"/> on the others.
/// </summary>
public static class KnowledgeBaseEndpoints
{
    public const string Path = "/api/admin/knowledge-base";
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapKnowledgeBaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Knowledge base").RequireAuthorization(LucineIdentity.AdminPolicy);
        group.MapGet("", CurrentAsync).WithName("AdminKnowledgeBase");
        group.MapPut("", SaveAsync).WithName("AdminKnowledgeBaseSave");
        group.MapGet("/schema", Schema).WithName("AdminKnowledgeBaseSchema");
        group.MapGet("/versions", VersionsAsync).WithName("AdminKnowledgeBaseVersions");
        group.MapGet("/versions/{version}", VersionAsync).WithName("AdminKnowledgeBaseVersion");
        group.MapPost("/versions/{version}/restore", RestoreAsync).WithName("AdminKnowledgeBaseRestore");
        return app;
    }

    private static async Task<Ok<KnowledgeBaseResponse>> CurrentAsync(HttpResponse response, KnowledgeVersions versions, CancellationToken cancellationToken)
    {
        var current = await versions.CurrentAsync(cancellationToken);
        VersionTags.SetETag(response, current.Version.Number);
        return TypedResults.Ok(KnowledgeBaseResponse.From(current));
    }

    private static async Task<Results<Created<KnowledgeBaseResponse>, ProblemHttpResult>> SaveAsync(
        HttpRequest request, ClaimsPrincipal user, KnowledgeVersions versions, IOptions<KnowledgeOptions> options, CancellationToken cancellationToken)
    {
        if (!VersionTags.TryReadIfMatch(request, out var expected))
        {
            return InvalidIfMatch();
        }

        var (document, problem) = await JsonBody.ReadTextAsync(request, options.Value.MaxDocumentBytes, cancellationToken);
        return problem ?? await StoreAsync(request.HttpContext.Response, versions, document!, user.Username()!, expected, null, cancellationToken);
    }

    private static ContentHttpResult Schema() => TypedResults.Text(KnowledgeJson.Schema, "application/schema+json");

    private static async Task<Results<Ok<ItemsResponse<KnowledgeVersionItem>>, ProblemHttpResult>> VersionsAsync(
        string? before, string? limit, KnowledgeVersions versions, CancellationToken cancellationToken)
    {
        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            return Problems.Invalid("invalid-limit", "Invalid limit", $"'limit' must be between 1 and {MaxPageSize}.");
        }

        int? older = null;
        if (before is not null)
        {
            if (!VersionTags.TryVersion(before, out var number))
            {
                return Problems.Invalid("invalid-cursor", "Invalid cursor", "'before' must be a version number: the page lists the versions older than it.");
            }

            older = number;
        }

        var items = await versions.ListAsync(older, size, cancellationToken);
        return TypedResults.Ok(new ItemsResponse<KnowledgeVersionItem>(items.Select(KnowledgeVersionItem.From).ToList()));
    }

    private static async Task<Results<Ok<KnowledgeBaseResponse>, ProblemHttpResult>> VersionAsync(
        string version, HttpResponse response, KnowledgeVersions versions, CancellationToken cancellationToken)
    {
        if (!VersionTags.TryVersion(version, out var number))
        {
            return InvalidVersion();
        }

        if (await versions.ReadAsync(number, cancellationToken) is not { } found)
        {
            return VersionNotFound(number);
        }

        VersionTags.SetETag(response, number);
        return TypedResults.Ok(KnowledgeBaseResponse.From(found));
    }

    private static async Task<Results<Created<KnowledgeBaseResponse>, ProblemHttpResult>> RestoreAsync(
        string version, HttpRequest request, ClaimsPrincipal user, KnowledgeVersions versions, CancellationToken cancellationToken)
    {
        if (!VersionTags.TryVersion(version, out var number))
        {
            return InvalidVersion();
        }

        if (!VersionTags.TryReadIfMatch(request, out var expected))
        {
            return InvalidIfMatch();
        }

        return await versions.ReadAsync(number, cancellationToken) is { } old
            ? await StoreAsync(request.HttpContext.Response, versions, old.Document, user.Username()!, expected, number, cancellationToken)
            : VersionNotFound(number);
    }

    private static async Task<Results<Created<KnowledgeBaseResponse>, ProblemHttpResult>> StoreAsync(
        HttpResponse response, KnowledgeVersions versions, string document, string savedBy, int? expected, int? restoredFrom, CancellationToken cancellationToken)
    {
        KnowledgeSave save;
        try
        {
            save = await versions.SaveAsync(document, savedBy, expected, restoredFrom, cancellationToken);
        }
        catch (KnowledgeSaveConflictException conflict)
        {
            return conflict.Expected is { } edited
                ? Problems.KnowledgeBaseChanged(edited, conflict.Current)
                : Problems.KnowledgeBaseConflict(conflict.Current);
        }

        if (save.Saved is not { } saved)
        {
            return Refused(save.Check);
        }

        VersionTags.SetETag(response, saved.Version.Number);
        return TypedResults.Created($"{Path}/versions/{saved.Version.Number}", KnowledgeBaseResponse.From(saved));
    }

    private static ProblemHttpResult Refused(KnowledgeCheck check)
    {
        var errors = check.Errors;
        var detail = errors.Count == 1
            ? $"Nothing was saved: {errors[0]}"
            : $"Nothing was saved: the knowledge base has {errors.Count} errors, listed in 'errors'.";
        return Problems.InvalidKnowledgeBase(
            check.JsonError?.Malformed ?? false,
            detail,
            errors,
            check.JsonError is { } at ? (at.Path, at.Line, at.Column) : null);
    }

    private static ProblemHttpResult InvalidIfMatch() =>
        Problems.Invalid("invalid-if-match", "Invalid If-Match", "If-Match must be the ETag of the version you edited, as GET gave it (e.g. \"3\").");

    private static ProblemHttpResult InvalidVersion() =>
        Problems.Invalid("invalid-version", "Invalid version", "A version is a whole number: 0 is the shipped file, 1 and up were saved by admins.");

    private static ProblemHttpResult VersionNotFound(int version) =>
        Problems.NotFound("knowledge-base-version-not-found", "Version not found", $"There is no knowledge base version {version}.");
}
