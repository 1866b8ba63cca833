using System.Security.Claims;
using Lucine.Domain.Replies;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Replies;

/// <summary>
/// Canned replies: every operator reads them (to insert one with "/shortcut"); supervisors and admins
/// write them. An edit may name the version it started from (If-Match) and is refused if it changed.
/// </summary>
public static class ReplyEndpoints
{
    public const string Path = "/api/operator/replies";

    /// <summary>Both texts at their longest, escaped, fit with room to spare.</summary>
    private const int MaxBodyBytes = 32 * 1024;

    public static IEndpointRouteBuilder MapReplyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Canned replies").RequireAuthorization(LucineIdentity.OperatorPolicy);
        group.MapGet("", ListAsync).WithName("OperatorReplies");
        group.MapGet("/{id}", ReadAsync).WithName("OperatorReply");
        group.MapPost("", CreateAsync).WithName("OperatorReplyCreate").RequireAuthorization(LucineIdentity.SupervisorPolicy);
        group.MapPut("/{id}", ReplaceAsync).WithName("OperatorReplyReplace").RequireAuthorization(LucineIdentity.SupervisorPolicy);
        group.MapDelete("/{id}", DeleteAsync).WithName("OperatorReplyDelete").RequireAuthorization(LucineIdentity.SupervisorPolicy);
        return app;
    }

    private static async Task<Ok<ItemsResponse<ReplyResponse>>> ListAsync(ReplyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemsResponse<ReplyResponse>((await store.ListAsync(cancellationToken)).Select(ReplyResponse.From).ToList()));

    private static async Task<Results<Ok<ReplyResponse>, ProblemHttpResult>> ReadAsync(
        string id, HttpResponse response, ReplyStore store, CancellationToken cancellationToken)
    {
        if (!CannedReplyRules.IsId(id))
        {
            return Problems.InvalidReplyId();
        }

        if (await store.FindAsync(id, cancellationToken) is not { } reply)
        {
            return Problems.ReplyNotFound(id);
        }

        VersionTags.SetETag(response, reply.Version);
        return TypedResults.Ok(ReplyResponse.From(reply));
    }

    private static async Task<Results<Created<ReplyResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, ReplyStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (reply, problem) = await ReadReplyAsync(request, ReplyStore.NewId(), user, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var write = await store.CreateAsync(reply!, cancellationToken);
        if (write.Outcome == ReplyOutcome.ShortcutTaken)
        {
            return Problems.ShortcutTaken(reply!.Shortcut);
        }

        VersionTags.SetETag(request.HttpContext.Response, reply!.Version);
        return TypedResults.Created($"{Path}/{reply.Id}", ReplyResponse.From(reply));
    }

    private static async Task<Results<Ok<ReplyResponse>, ProblemHttpResult>> ReplaceAsync(
        string id, HttpRequest request, ClaimsPrincipal user, ReplyStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!CannedReplyRules.IsId(id))
        {
            return Problems.InvalidReplyId();
        }

        if (!VersionTags.TryReadIfMatch(request, out var expected))
        {
            return Problems.Invalid("invalid-if-match", "Invalid If-Match", "If-Match must be the ETag of the reply you edited, as Lucine gave it (e.g. \"3\").");
        }

        var (edited, problem) = await ReadReplyAsync(request, id, user, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var write = await store.UpdateAsync(id, expected, current => edited! with { Version = current.Version }, cancellationToken);
        switch (write.Outcome)
        {
            case ReplyOutcome.NotFound:
                return Problems.ReplyNotFound(id);
            case ReplyOutcome.Changed:
                return Problems.ReplyChanged(expected, write.CurrentVersion);
            case ReplyOutcome.ShortcutTaken:
                return Problems.ShortcutTaken(edited!.Shortcut);
        }

        VersionTags.SetETag(request.HttpContext.Response, write.Reply!.Version);
        return TypedResults.Ok(ReplyResponse.From(write.Reply));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ReplyStore store, CancellationToken cancellationToken)
    {
        if (!CannedReplyRules.IsId(id))
        {
            return Problems.InvalidReplyId();
        }

        return await store.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : Problems.ReplyNotFound(id);
    }

    /// <summary>The body as a reply by the caller, now, version 1; or the problem that says what is wrong with it.</summary>
    private static async Task<(CannedReply? Reply, ProblemHttpResult? Problem)> ReadReplyAsync(
        HttpRequest request, string id, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReplyRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var shortcut = CannedReplyRules.NormalizeShortcut(body!.Shortcut);
        var errors = CannedReplyRules.Check(body.Title, shortcut, body.Text?.It, body.Text?.En);
        if (errors.Count > 0)
        {
            return (null, Problems.InvalidReply(errors));
        }

        var text = new LocalizedText(body.Text!.It!, body.Text.En!);
        return (new CannedReply(id, body.Title!.Trim(), shortcut!, text, user.Username()!, clock.GetUtcNow(), Version: 1), null);
    }
}
