using Lucine.Functions.Audit;
using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.BlindSpots;

/// <summary>
/// The admins' inbox of the assistant's blind spots: the groups by status, and what admins decide
/// about one (answered by a topic of the current knowledge base, or dismissed).
/// </summary>
public static class BlindSpotEndpoints
{
    public const string Path = "/api/reports/blind-spots";
    private const int MaxBodyBytes = 1024;

    public static IEndpointRouteBuilder MapBlindSpotEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Reports").RequireAuthorization(LucineIdentity.AdminPolicy);
        group.MapGet("", ListAsync).WithName("BlindSpots");
        group.MapPost("/{id}/answered", AnsweredAsync).WithName("BlindSpotAnswered");
        group.MapPost("/{id}/dismissed", DismissedAsync).WithName("BlindSpotDismissed");
        return app;
    }

    private static async Task<Results<Ok<BlindSpotsResponse>, ProblemHttpResult>> ListAsync(string? status, BlindSpotInbox inbox, CancellationToken cancellationToken)
    {
        var wanted = BlindSpotStatus.Open;
        if (status is not null && !Wire.TryParse(status, out wanted))
        {
            return Problems.InvalidBlindSpotStatus();
        }

        var groups = await inbox.ListAsync(wanted, cancellationToken);
        return TypedResults.Ok(new BlindSpotsResponse([.. groups.Select(BlindSpotItem.From)]));
    }

    private static async Task<Results<Ok<BlindSpotItem>, ProblemHttpResult>> AnsweredAsync(
        string id, HttpRequest request, BlindSpotInbox inbox, KnowledgeSource knowledge, CancellationToken cancellationToken)
    {
        if (!BlindSpotGroup.IsId(id))
        {
            return Problems.InvalidBlindSpotId(BlindSpotGroup.IdLength);
        }

        var (body, problem) = await JsonBody.ReadAsync<AnsweredRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var topic = body?.Topic;
        var current = await knowledge.CurrentAsync(cancellationToken);
        if (topic is null || !current.Topics.Any(t => t.Id == topic))
        {
            return Problems.UnknownTopic();
        }

        request.HttpContext.Audit().Details["topic"] = topic;
        return await DecideAsync(request.HttpContext, id, BlindSpotStatus.Answered, topic, inbox, cancellationToken);
    }

    private static async Task<Results<Ok<BlindSpotItem>, ProblemHttpResult>> DismissedAsync(string id, HttpContext context, BlindSpotInbox inbox, CancellationToken cancellationToken) =>
        BlindSpotGroup.IsId(id)
            ? await DecideAsync(context, id, BlindSpotStatus.Dismissed, null, inbox, cancellationToken)
            : Problems.InvalidBlindSpotId(BlindSpotGroup.IdLength);

    private static async Task<Results<Ok<BlindSpotItem>, ProblemHttpResult>> DecideAsync(
        HttpContext context, string id, BlindSpotStatus status, string? topic, BlindSpotInbox inbox, CancellationToken cancellationToken)
    {
        context.Audit().Target = id;
        return await inbox.DecideAsync(id, status, topic, cancellationToken) is { } group
            ? TypedResults.Ok(BlindSpotItem.From(group))
            : Problems.BlindSpotNotFound();
    }
}
