using System.Reflection;
using Lucine.Functions.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lucine.Functions.Hosting;

/// <summary>
/// <c>GET /api/health</c>: 200 when Lucine can serve visitors, 503 when a dependency it needs is down;
/// <c>warnings</c> says what staff must see to, without making Lucine unhealthy (no season set ahead).
/// </summary>
public static class HealthEndpoints
{
    public static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckAsync).WithTags("Health").WithName("GetHealth");
        return app;
    }

    private static async Task<JsonHttpResult<HealthResponse>> CheckAsync(HealthCheckService health, Seasons seasons, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var season = SeasonWarningDto.From(await seasons.WarningAsync(cancellationToken));
        var healthy = report.Status == HealthStatus.Healthy;
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new HealthCheckDto(
                e.Value.Status == HealthStatus.Healthy, e.Value.Description, (long)e.Value.Duration.TotalMilliseconds, e.Value.Data.Count > 0 ? e.Value.Data : null));
        return TypedResults.Json(
            new HealthResponse(healthy ? "healthy" : "unhealthy", Version, checks, clock.GetUtcNow(), season is null ? [] : [season]),
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record HealthResponse(
        string Status, string Version, IReadOnlyDictionary<string, HealthCheckDto> Checks, DateTimeOffset Timestamp, IReadOnlyList<SeasonWarningDto> Warnings);

    /// <param name="Data">What the check says besides (storage: <c>circuit</c>, <c>closed</c>, <c>open</c> or <c>half_open</c>).</param>
    public sealed record HealthCheckDto(bool Healthy, string? Description, long DurationMs, IReadOnlyDictionary<string, object>? Data);
}
