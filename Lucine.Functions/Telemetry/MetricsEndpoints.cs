using Lucine.Functions.Hosting;

namespace Lucine.Functions.Telemetry;

/// <summary><c>GET /api/metrics</c> (admins): this instance's Lucine metrics, without Azure or any exporter.</summary>
public static class MetricsEndpoints
{
    public const string Path = "/api/metrics";

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (InstanceMetrics metrics) => TypedResults.Ok(metrics.Snapshot()))
            .RequireAuthorization(LucineIdentity.AdminPolicy)
            .WithTags("Telemetry")
            .WithName("GetMetrics");
        return app;
    }
}
