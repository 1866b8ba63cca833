using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Queue;

public sealed record QueueItem(string SessionId, int Position, QueuePriority Priority, DateTimeOffset QueuedAt, long WaitingSeconds, string? Preview);

/// <summary>The queue as operators see it, and taking a chat from it by hand.</summary>
public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operator").WithTags("Queue").RequireAuthorization(LucineIdentity.OperatorPolicy);
        group.MapGet("/queue", QueueAsync).WithName("OperatorQueue");
        group.MapPost("/chats/{sessionId}/take", TakeAsync).WithName("OperatorTake");
        return app;
    }

    private static async Task<Ok<ItemsResponse<QueueItem>>> QueueAsync(QueueIndex queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await queue.ListAsync(cancellationToken);
        return TypedResults.Ok(new ItemsResponse<QueueItem>(QueuePolicy.Positions(waiting.Select(w => w.Entry))
            .Zip(waiting, (p, w) => new QueueItem(p.Entry.SessionId.Value, p.Position, p.Entry.Priority, p.Entry.QueuedAt,
                (long)(now - p.Entry.QueuedAt).TotalSeconds, w.Preview))
            .ToList()));
    }

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> TakeAsync(
        string sessionId, HttpContext context, Conversations conversations, CancellationToken cancellationToken)
    {
        if (SessionIds.Parse(sessionId, out var id) is { } invalid)
        {
            return invalid;
        }

        var run = await conversations.RunAsync(id, new OperatorTakes(context.User.Operator(), ByRouting: false), new RunOptions(StorageScope.OperatorRequest), cancellationToken);
        return run.Rejection is { } rejection ? Problems.For(rejection, context) : TypedResults.Ok(ChatSummary.From(run.Decision!.State));
    }
}
