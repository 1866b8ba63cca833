using Lucine.Functions.Deadlines;
using Lucine.Functions.Assignment;

namespace Lucine.Functions.Functions.Timers;

/// <summary>
/// The timer functions. Behind the Azure Functions host a timer trigger arrives as a POST to
/// /&lt;FunctionName&gt; (custom handler contract) and expects an invocation result back; standalone,
/// the same work runs in background loops. Both are safe to run twice or concurrently.
/// </summary>
public static class TimerFunctions
{
    public static IEndpointRouteBuilder MapTimerFunctions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/SweepDeadlines", async (DeadlineSweep sweep, CancellationToken cancellationToken) =>
        {
            var result = await sweep.RunOnceAsync(cancellationToken);
            return TypedResults.Ok(new InvocationResult([$"due {result.Due}, fired {result.Fired}, rescheduled {result.Rescheduled}"]));
        }).WithName("SweepDeadlines").ExcludeFromDescription();
        app.MapPost("/RouteQueue", async (QueueRouter router, CancellationToken cancellationToken) =>
        {
            var assigned = await router.RouteAsync(cancellationToken);
            return TypedResults.Ok(new InvocationResult([$"assigned {assigned}"]));
        }).WithName("RouteQueue").ExcludeFromDescription();
        return app;
    }

    /// <summary>The custom handler's response to an invocation: no outputs, a log line.</summary>
    public sealed record InvocationResult(IReadOnlyList<string> Logs)
    {
        public IReadOnlyDictionary<string, object> Outputs { get; } = new Dictionary<string, object>();
    }
}
