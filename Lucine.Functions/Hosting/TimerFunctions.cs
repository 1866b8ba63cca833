using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NCrontab;

namespace Lucine.Functions.Hosting;

/// <summary>
/// When a timer function runs: an NCRONTAB expression with seconds (UTC), from the setting
/// Timers:&lt;FunctionName&gt;. The same setting drives both hosting modes: standalone, the background
/// loop waits for its next occurrence; behind the Functions host, function.json names it
/// (<c>%Timers:FunctionName%</c>) and the host reads it from the app setting Timers__FunctionName, so
/// changing a schedule on Azure is a setting, not a new package.
/// </summary>
public sealed class TimerSchedule
{
    public const string Section = "Timers";

    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };

    private CrontabSchedule? parsed;

    public string Expression { get; set; } = string.Empty;

    /// <summary>The configuration key of a timer function's schedule.</summary>
    public static string Key(string function) => $"{Section}:{function}";

    /// <summary>What function.json holds: the host resolves it against its own configuration, where the app setting Timers__X is Timers:X.</summary>
    public static string HostReference(string function) => $"%{Key(function)}%";

    /// <summary>
    /// The host's timer trigger parses schedules with NCrontab too, and also takes five fields; six
    /// are required here so that a schedule always says its second, as the host's documentation asks.
    /// </summary>
    public static CrontabSchedule? Parse(string? expression) =>
        expression?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CrontabSchedule.TryParse(expression, WithSeconds) : null;

    /// <summary>The first occurrence strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset now)
    {
        // Parsed at the first use, not at every tick of the loop that asks.
        parsed ??= Parse(Expression) ?? throw new InvalidOperationException($"Invalid timer schedule \"{Expression}\".");
        return new(parsed.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
    }
}

/// <summary>The timer function an endpoint answers, for the function manifests.</summary>
public sealed record TimerFunction(string Name);

/// <summary>
/// Timer functions. Behind the Azure Functions host a timer trigger arrives as a POST to
/// /&lt;FunctionName&gt; (custom handler contract) and expects an invocation result back; standalone,
/// the same work runs in background loops (<see cref="PeriodicWork"/>). Both are safe to run twice or concurrently.
/// </summary>
public static class TimerFunctions
{
    /// <summary>Declares a timer function and its default schedule; Timers:&lt;name&gt; replaces it, and is checked at start.</summary>
    public static IHostApplicationBuilder AddTimerFunction(this IHostApplicationBuilder builder, string name, string defaultSchedule)
    {
        builder.Services.AddOptions<TimerSchedule>(name)
            .Configure<IConfiguration>((schedule, configuration) =>
                schedule.Expression = configuration[TimerSchedule.Key(name)] is { Length: > 0 } configured ? configured : defaultSchedule)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TimerSchedule>, TimerScheduleValidation>());
        return builder;
    }

    /// <param name="run">Does one round of the work; what it returns is the invocation's log line.</param>
    public static RouteHandlerBuilder MapTimerFunction<TWork>(this IEndpointRouteBuilder app, string name, Func<TWork, CancellationToken, Task<string>> run)
        where TWork : notnull
    {
        // A timer mapped without a declared schedule would reach the host as an unresolvable %Timers:Name%.
        if (app.ServiceProvider.GetRequiredService<IOptionsMonitor<TimerSchedule>>().Get(name).Expression.Length == 0)
        {
            throw new InvalidOperationException($"Timer function {name} has no schedule: declare it with AddTimerFunction.");
        }

        return app.MapPost("/" + name, async (HttpContext context, TWork work, CancellationToken cancellationToken) =>
                FromThisMachine(context) ? Results.Ok(new InvocationResult([await run(work, cancellationToken)])) : Results.NotFound())
            .WithName(name)
            .WithMetadata(new TimerFunction(name))
            .ExcludeFromDescription();
    }

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

    private sealed class TimerScheduleValidation : IValidateOptions<TimerSchedule>
    {
        public ValidateOptionsResult Validate(string? name, TimerSchedule options) =>
            TimerSchedule.Parse(options.Expression) is not null
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{TimerSchedule.Key(name ?? string.Empty)} (\"{options.Expression}\") must be an NCRONTAB expression with six fields: second minute hour day month day-of-week, e.g. \"*/5 * * * * *\".");
    }
}
