using System.Security.Claims;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Knowledge;

/// <summary>How one versioned document is offered to admins: its path, its endpoints' names, its problems' noun.</summary>
/// <param name="Noun">The problem types' word: <c>invalid-&lt;noun&gt;</c>, <c>&lt;noun&gt;-changed</c>…</param>
/// <param name="What">The document in the problems' sentences.</param>
public sealed record VersionedDocumentApi(string Path, string Name, string Noun, string What)
{
    public static readonly VersionedDocumentApi Knowledge = new("/api/admin/knowledge-base", "AdminKnowledgeBase", "knowledge-base", "knowledge base");
    public static readonly VersionedDocumentApi Texts = new("/api/admin/texts", "AdminTexts", "texts", "customer texts");
}

/// <summary>
/// The admins' versioned documents (the knowledge base, the customer texts), the same way for both:
/// read the current version, save a new one (checked, guarded by the version it was edited from), the
/// history, one version, restoring an old one as a new version. A save answers visitors at once on
/// this instance and within <see cref="KnowledgeOptions.RefreshInterval"/> on the others.
/// </summary>
public static class KnowledgeBaseEndpoints
{

    public static IEndpointRouteBuilder MapKnowledgeBaseEndpoints(this IEndpointRouteBuilder app)
    {
        var knowledge = app.MapVersionedDocument<KnowledgeVersions>(VersionedDocumentApi.Knowledge);
        knowledge.MapGet("/schema", Schema).WithName("AdminKnowledgeBaseSchema");
        knowledge.MapPost("/try", KnowledgeTrial.TryAsync).WithName("AdminKnowledgeBaseTry");
        app.MapVersionedDocument<TextVersions>(VersionedDocumentApi.Texts);
        return app;
    }

    private static RouteGroupBuilder MapVersionedDocument<TVersions>(this IEndpointRouteBuilder app, VersionedDocumentApi api)
        where TVersions : DocumentVersions
    {
        static DocumentVersions Versions(HttpContext context) => context.RequestServices.GetRequiredService<TVersions>();

        var group = app.MapGroup(api.Path).WithTags(api.What).RequireAuthorization(LucineIdentity.AdminPolicy);
        group.MapGet("", (HttpContext context, CancellationToken cancellationToken) => CurrentAsync(context.Response, Versions(context), cancellationToken))
            .WithName(api.Name);
        group.MapPut("", (HttpContext context, ClaimsPrincipal user, IOptions<KnowledgeOptions> options, CancellationToken cancellationToken) =>
            SaveAsync(api, context.Request, user, Versions(context), options, cancellationToken)).WithName(api.Name + "Save");
        group.MapGet("/versions", (string? before, string? limit, HttpContext context, CancellationToken cancellationToken) =>
            VersionsAsync(before, limit, Versions(context), cancellationToken)).WithName(api.Name + "Versions");
        group.MapGet("/versions/{version}", (string version, HttpContext context, CancellationToken cancellationToken) =>
            VersionAsync(api, version, context.Response, Versions(context), cancellationToken)).WithName(api.Name + "Version");
        group.MapPost("/versions/{version}/restore", (string version, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            RestoreAsync(api, version, context.Request, user, Versions(context), cancellationToken)).WithName(api.Name + "Restore");
        return group;
    }

    private static async Task<Ok<KnowledgeBaseResponse>> CurrentAsync(HttpResponse response, DocumentVersions versions, CancellationToken cancellationToken)
    {
        var current = await versions.CurrentAsync(cancellationToken);
        VersionTags.SetETag(response, current.Version.Number);
        return TypedResults.Ok(KnowledgeBaseResponse.From(current));
    }

    private static async Task<Results<Created<KnowledgeBaseResponse>, ProblemHttpResult>> SaveAsync(
        VersionedDocumentApi api, HttpRequest request, ClaimsPrincipal user, DocumentVersions versions, IOptions<KnowledgeOptions> options, CancellationToken cancellationToken)
    {
        if (!VersionTags.TryReadIfMatch(request, out var expected))
        {
            return InvalidIfMatch();
        }

        var (document, problem) = await JsonBody.ReadTextAsync(request, options.Value.MaxDocumentBytes, cancellationToken);
        return problem ?? await StoreAsync(api, request.HttpContext.Response, versions, document!, user.Username()!, expected, null, cancellationToken);
    }

    private static ContentHttpResult Schema() => TypedResults.Text(KnowledgeJson.Schema, "application/schema+json");

    private static async Task<Results<Ok<ItemsResponse<KnowledgeVersionItem>>, ProblemHttpResult>> VersionsAsync(
        string? before, string? limit, DocumentVersions versions, CancellationToken cancellationToken)
    {
        var (page, problem) = VersionPage.Read(before, limit);
        if (problem is not null)
        {
            return problem;
        }

        var items = await versions.ListAsync(page!.Before, page.Limit, cancellationToken);
        return TypedResults.Ok(new ItemsResponse<KnowledgeVersionItem>(items.Select(KnowledgeVersionItem.From).ToList()));
    }

    private static async Task<Results<Ok<KnowledgeBaseResponse>, ProblemHttpResult>> VersionAsync(
        VersionedDocumentApi api, string version, HttpResponse response, DocumentVersions versions, CancellationToken cancellationToken)
    {
        if (!VersionTags.TryVersion(version, out var number))
        {
            return InvalidVersion();
        }

        if (await versions.ReadAsync(number, cancellationToken) is not { } found)
        {
            return VersionNotFound(api, number);
        }

        VersionTags.SetETag(response, number);
        return TypedResults.Ok(KnowledgeBaseResponse.From(found));
    }

    private static async Task<Results<Created<KnowledgeBaseResponse>, ProblemHttpResult>> RestoreAsync(
        VersionedDocumentApi api, string version, HttpRequest request, ClaimsPrincipal user, DocumentVersions versions, CancellationToken cancellationToken)
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
            ? await StoreAsync(api, request.HttpContext.Response, versions, old.Document, user.Username()!, expected, number, cancellationToken)
            : VersionNotFound(api, number);
    }

    private static async Task<Results<Created<KnowledgeBaseResponse>, ProblemHttpResult>> StoreAsync(
        VersionedDocumentApi api, HttpResponse response, DocumentVersions versions, string document, string savedBy, int? expected, int? restoredFrom, CancellationToken cancellationToken)
    {
        KnowledgeSave save;
        try
        {
            save = await versions.SaveAsync(document, savedBy, expected, restoredFrom, cancellationToken);
        }
        catch (KnowledgeSaveConflictException conflict)
        {
            return conflict.Expected is { } edited
                ? Problems.DocumentChanged(api.Noun, api.What, edited, conflict.Current)
                : Problems.DocumentConflict(api.Noun, api.What, conflict.Current);
        }

        if (save.Saved is not { } saved)
        {
            return Refused(api, save.Check);
        }

        VersionTags.SetETag(response, saved.Version.Number);
        return TypedResults.Created($"{api.Path}/versions/{saved.Version.Number}", KnowledgeBaseResponse.From(saved));
    }

    /// <summary>A document that is not acceptable: every error, in sentences and by field.</summary>
    public static ProblemHttpResult Refused(VersionedDocumentApi api, KnowledgeCheck check)
    {
        var errors = check.Errors;
        var detail = errors.Count == 1
            ? $"Nothing was saved: {errors[0]}"
            : $"Nothing was saved: the {api.What} has {errors.Count} errors, listed in 'errors'.";
        return Problems.InvalidDocument(
            api.Noun,
            $"The {api.What} is not valid",
            check.JsonError?.Malformed ?? false,
            detail,
            errors,
            check.JsonError is { } at ? (at.Path, at.Line, at.Column) : null);
    }

    private static ProblemHttpResult InvalidIfMatch() =>
        Problems.Invalid("invalid-if-match", "Invalid If-Match", "If-Match must be the ETag of the version you edited, as GET gave it (e.g. \"3\").");

    private static ProblemHttpResult InvalidVersion() =>
        Problems.Invalid("invalid-version", "Invalid version", "A version is a whole number: 0 is the shipped file, 1 and up were saved by admins.");

    private static ProblemHttpResult VersionNotFound(VersionedDocumentApi api, int version) =>
        Problems.NotFound($"{api.Noun}-version-not-found", "Version not found", $"There is no {api.What} version {version}.");
}
