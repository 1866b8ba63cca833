using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Queue;

public static class QueueServices
{
    /// <summary>The queue: its index, its policy, operators' reservations, and the router that gives chats to operators.</summary>
    public static IHostApplicationBuilder AddQueue(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<RoutingOptions>(RoutingOptions.Section);
        builder.AddTimerFunction(QueueRouter.Timer, "*/30 * * * * *");
        builder.Services.AddOptions<QueuePolicy>().Bind(builder.Configuration.GetSection("Queue"));
        var services = builder.Services;
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QueuePolicy>>().Value);
        services.AddSingleton<QueueMetrics>();
        services.AddSingleton<IDecisionObserver>(sp => sp.GetRequiredService<QueueMetrics>());
        services.AddSingleton<QueueIndex>();
        services.AddSingleton<QueuePositions>();
        services.AddSingleton<OperatorReservations>();
        services.AddSingleton<RoutingSignal>();
        services.AddSingleton<QueueRouter>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueRouter>());
        services.AddEffectHandler<QueueMoved, QueueMoves>("queue");
        services.AddEffectHandler<ReleaseOperator, CapacityReleases>("release");
        return builder;
    }

    public static IEndpointRouteBuilder MapQueue(this IEndpointRouteBuilder app)
    {
        app.MapQueueEndpoints();
        app.MapTimerFunction<QueueRouter>(QueueRouter.Timer, async (router, cancellationToken) =>
            $"assigned {await router.RouteAsync(cancellationToken)}");
        return app;
    }
}
