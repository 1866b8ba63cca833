using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Notifications;

/// <summary>A message the local sink recorded, as the dashboard shows it.</summary>
public sealed record SinkItem(string Id, ContactChannel Channel, string To, string Subject, string Text, string Notification, string? Ticket, DateTimeOffset At)
{
    public static SinkItem From(SinkEntry entry) =>
        new(entry.Id, entry.Channel, entry.To, entry.Subject, entry.Text, entry.Notification, entry.Ticket, entry.At);
}

/// <summary>The local sink's messages, for operators.</summary>
public static class SinkEndpoints
{
    public const int DefaultSinkLimit = 50;
    public const int MaxSinkLimit = 200;

    public static IEndpointRouteBuilder MapSinkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/operator/sink", SinkAsync)
            .WithName("OperatorSink")
            .WithTags("Notifications")
            .RequireAuthorization(LucineIdentity.OperatorPolicy);
        return app;
    }

    /// <summary>What the sink recorded instead of sending, newest first; <paramref name="to"/> narrows it to one recipient.</summary>
    private static async Task<Results<Ok<ItemsResponse<SinkItem>>, ProblemHttpResult>> SinkAsync(
        string? to, string? limit, LocalSink sink, CancellationToken cancellationToken)
    {
        var count = DefaultSinkLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count < 1 || count > MaxSinkLimit))
        {
            return Problems.Invalid("invalid-limit", "Invalid limit", $"'limit' must be between 1 and {MaxSinkLimit}.");
        }

        var entries = await sink.ListAsync(to, count, cancellationToken);
        return TypedResults.Ok(new ItemsResponse<SinkItem>([.. entries.Select(SinkItem.From)]));
    }
}
