using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Lucine.Functions.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Satisfaction;

/// <summary>
/// "How did we do?": the visitor rates an ended chat with their session token, the customer a resolved
/// ticket with its access code (the link in the message that told them). A rating is an input to the
/// session or the ticket, decided by its workflow and committed with its analytics event.
/// </summary>
public static class SatisfactionEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapSatisfaction(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/api/chat").WithTags("Chat").RequireCors(CorsPolicies.Widget);
        chat.MapGet("/{sessionId}/rating", ReadChatAsync).WithName("GetChatRating");
        chat.MapPost("/{sessionId}/rating", RateChatAsync).WithName("PostChatRating");

        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets").RequireCors(CorsPolicies.Widget).RequireRateLimiting(CustomerTicketEndpoints.RateLimitPolicy);
        tickets.MapGet("/{number}/rating", ReadTicketAsync).WithName("GetTicketRating");
        tickets.MapPost("/{number}/rating", RateTicketAsync).WithName("PostTicketRating");
        return app;
    }

    private static async Task<Results<Ok<RatingStatusDto>, ProblemHttpResult>> ReadChatAsync(
        string sessionId, HttpContext context, ISessionStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if ((SessionIds.Parse(sessionId, out var id) ?? VisitorAuthenticationHandler.Refusal(context, id)) is { } refused)
        {
            return refused;
        }

        return await store.ReadStateAsync(id, cancellationToken) is { } state
            ? TypedResults.Ok(RatingStatusDto.Of(SessionWorkflow.RatableOf(state), state.Rating, clock.GetUtcNow()))
            : Problems.For(SessionAggregate.Missing);
    }

    private static async Task<Results<Ok<RatingStatusDto>, ProblemHttpResult>> RateChatAsync(
        string sessionId, HttpContext context, Conversations conversations, TimeProvider clock, CancellationToken cancellationToken)
    {
        if ((SessionIds.Parse(sessionId, out var id) ?? VisitorAuthenticationHandler.Refusal(context, id)) is { } refused)
        {
            return refused;
        }

        var (given, problem) = await ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var run = await conversations.RunAsync(id, new VisitorRates(given!), new RunOptions(StorageScope.VisitorRequest), cancellationToken);
        return run.Rejection is { } rejection ? Problems.For(rejection, context)
            : TypedResults.Ok(RatingStatusDto.Of(SessionWorkflow.RatableOf(run.State!), run.State!.Rating, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<RatingStatusDto>, ProblemHttpResult>> ReadTicketAsync(
        string number, string? access, HttpRequest request, TicketStore store, TicketCredentials credentials, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (credentials.Refusal(number, access, request, out var parsed) is { } refused)
        {
            return refused;
        }

        return await store.ReadStateAsync(parsed, cancellationToken) is { } state
            ? TypedResults.Ok(RatingStatusDto.Of(TicketWorkflow.RatableOf(state), state.Rating, clock.GetUtcNow()))
            : Problems.For(TicketAggregate.Missing);
    }

    private static async Task<Results<Ok<RatingStatusDto>, ProblemHttpResult>> RateTicketAsync(
        string number, string? access, HttpRequest request, TicketDesk desk, TicketCredentials credentials, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (credentials.Refusal(number, access, request, out var parsed) is { } refused)
        {
            return refused;
        }

        var (given, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var run = await desk.ApplyAsync(parsed, new CustomerRates(given!), cancellationToken);
        return run.Rejection is { } rejection ? Problems.For(rejection, request.HttpContext)
            : TypedResults.Ok(RatingStatusDto.Of(TicketWorkflow.RatableOf(run.State!), run.State!.Rating, clock.GetUtcNow()));
    }

    /// <summary>The body; its score and comment are the workflow's to judge (one set of rules for chats and tickets).</summary>
    private static async Task<(RatingGiven? Given, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RatingRequest>(request, MaxBodyBytes, cancellationToken);
        return problem is not null ? (null, problem)
            : body!.Score is not { } score ? (null, Problems.Invalid("invalid-score", "Invalid score", $"Send 'score', a whole number from {SatisfactionRules.MinScore} to {SatisfactionRules.MaxScore}."))
            : (new RatingGiven(score, body.Comment), null);
    }
}
