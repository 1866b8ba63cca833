using System.Security.Claims;
using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Realtime;

public sealed record TypingRequest(bool? IsTyping);

/// <summary>
/// "Typing…", told by either side of a chat with an operator and pushed to the other. HTTP in both
/// modes: clients of Azure SignalR Service in serverless mode can only listen.
/// </summary>
public static class TypingEndpoints
{
    private const int MaxBodyBytes = 1024;

    public static IEndpointRouteBuilder MapTypingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chat/{sessionId}/typing", VisitorTypingAsync).WithTags("Chat").WithName("VisitorTyping").RequireCors(CorsPolicies.Widget);
        app.MapPost("/api/operator/chats/{sessionId}/typing", OperatorTypingAsync).WithTags("Operator chats").WithName("OperatorTyping")
            .RequireAuthorization(LucineIdentity.OperatorPolicy);
        return app;
    }

    /// <summary>Told to the operator in charge, if any.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> VisitorTypingAsync(
        string sessionId, HttpContext context, ISessionStore sessions, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        if ((SessionIds.Parse(sessionId, out var id) ?? VisitorAuthenticationHandler.Refusal(context, id)) is { } refused)
        {
            return refused;
        }

        var (typing, problem) = await ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await sessions.ReadStateAsync(id, cancellationToken) is { Operator: { } person })
        {
            await realtime.TypingAsync(RealtimeUsers.Operator(person.Username), new TypingEvent(id.Value, "visitor", typing), cancellationToken);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Told to the chat's visitor, when the chat is the operator's.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> OperatorTypingAsync(
        string sessionId, HttpContext context, ClaimsPrincipal user, ISessionStore sessions, RealtimePublisher realtime, CancellationToken cancellationToken)
    {
        if (SessionIds.Parse(sessionId, out var id) is { } invalid)
        {
            return invalid;
        }

        var (typing, problem) = await ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var state = await sessions.ReadStateAsync(id, cancellationToken);
        if (state?.Operator?.Username != user.Username())
        {
            return Problems.Forbidden("Only the operator in charge of a chat can tell its visitor they are typing.");
        }

        await realtime.TypingAsync(RealtimeUsers.Visitor(id), new TypingEvent(id.Value, "operator", typing), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<(bool IsTyping, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<TypingRequest>(request, MaxBodyBytes, cancellationToken);
        return problem is not null ? (false, problem)
            : body!.IsTyping is { } typing ? (typing, null)
            : (false, Problems.Invalid("invalid-typing", "Invalid typing", "'isTyping' must be true or false."));
    }
}
