using System.Net;

namespace Lucine.Functions.Hosting;

/// <summary>When the Azure Functions host invokes a timer function (an NCRONTAB expression with seconds).</summary>
public sealed record TimerSchedule(string Expression);

/// <summary>
/// Timer functions. Behind the Azure Functions host a timer trigger arrives as a POST to
/// /&lt;FunctionName&gt; (custom handler contract) and expects an invocation result back; standalone,
/// the same work runs in background loops. Both are safe to run twice or concurrently.
/// </summary>
public static class TimerFunctions
{
    /// <param name="run">Does one round of the work; what it returns is the invocation's log line.</param>
    public static RouteHandlerBuilder MapTimerFunction<TWork>(this IEndpointRouteBuilder app, string name, string schedule, Func<TWork, CancellationToken, Task<string>> run)
        where TWork : notnull =>
        app.MapPost("/" + name, async (HttpContext context, TWork work, CancellationToken cancellationToken) =>
                FromThisMachine(context) ? Results.Ok(new InvocationResult([await run(work, cancellationToken)])) : Results.NotFound())
            .WithName(name)
            .WithMetadata(new TimerSchedule(schedule))
            .ExcludeFromDescription();

    /// <summary>
    /// Invocations come from the Functions host on the same machine (it never forwards a public
    /// request to these paths); anything else is told there is nothing here.
    /// </summary>
    private static bool FromThisMachine(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    /// <summary>The custom handler's response to an invocation: no outputs, a log line.</summary>
    public sealed record InvocationResult(IReadOnlyList<string> Logs)
    {
        public IReadOnlyDictionary<string, object> Outputs { get; } = new Dictionary<string, object>();
    }
}
