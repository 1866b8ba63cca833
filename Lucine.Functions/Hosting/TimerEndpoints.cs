using Lucine.Functions.Chat;
using Lucine.Functions.Notifications;
using Lucine.Functions.Queue;
using Lucine.Functions.Tickets;





namespace Lucine.Functions.Hosting;

/// <summary>
/// The timer functions. Behind the Azure Functions host a timer trigger arrives as a POST to
/// /&lt;FunctionName&gt; (custom handler contract) and expects an invocation result back; standalone,
/// the same work runs in background loops. Both are safe to run twice or concurrently.
/// </summary>
public static class TimerFunctions
{
    public static IEndpointRouteBuilder MapTimerFunctions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/SweepDeadlines", async (HttpContext context, DeadlineSweep sweep, CancellationToken cancellationToken) =>
        {
            if (!FromThisMachine(context))
            {
                return Results.NotFound();
            }

            var result = await sweep.RunOnceAsync(cancellationToken);
            return Results.Ok(new InvocationResult([$"due {result.Due}, fired {result.Fired}, rescheduled {result.Rescheduled}"]));
        }).WithName("SweepDeadlines").ExcludeFromDescription();
        app.MapPost("/RouteQueue", async (HttpContext context, QueueRouter router, CancellationToken cancellationToken) =>
        {
            if (!FromThisMachine(context))
            {
                return Results.NotFound();
            }

            var assigned = await router.RouteAsync(cancellationToken);
            return Results.Ok(new InvocationResult([$"assigned {assigned}"]));
        }).WithName("RouteQueue").ExcludeFromDescription();
        app.MapPost("/SweepTickets", async (HttpContext context, TicketSweep sweep, CancellationToken cancellationToken) =>
        {
            if (!FromThisMachine(context))
            {
                return Results.NotFound();
            }

            var result = await sweep.RunOnceAsync(cancellationToken);
            return Results.Ok(new InvocationResult([$"due {result.Due}, fired {result.Fired}, rescheduled {result.Rescheduled}"]));
        }).WithName("SweepTickets").ExcludeFromDescription();
        app.MapPost("/SendNotifications", async (HttpContext context, NotificationOutbox outbox, CancellationToken cancellationToken) =>
        {
            if (!FromThisMachine(context))
            {
                return Results.NotFound();
            }

            var result = await outbox.RunOnceAsync(cancellationToken);
            return Results.Ok(new InvocationResult([$"due {result.Due}, sent {result.Sent}, retrying {result.Retrying}, failed {result.Failed}"]));
        }).WithName("SendNotifications").ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Invocations come from the Functions host on the same machine (it never forwards a public
    /// request to these paths); anything else is told there is nothing here.
    /// </summary>
    private static bool FromThisMachine(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address);

    /// <summary>The custom handler's response to an invocation: no outputs, a log line.</summary>
    public sealed record InvocationResult(IReadOnlyList<string> Logs)
    {
        public IReadOnlyDictionary<string, object> Outputs { get; } = new Dictionary<string, object>();
    }
}
