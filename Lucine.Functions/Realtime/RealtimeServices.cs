using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Realtime;

public static class RealtimeServices
{
    /// <summary>The SignalR hub widgets and dashboards connect to, and what is pushed through it.</summary>
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddJsonProtocol(json => Wire.Configure(json.PayloadSerializerOptions));
        builder.Services.AddSingleton<RealtimePublisher>();
        builder.Services.AddEffectHandler<PublishUpdate, SessionUpdates>("publish");
        builder.Services.AddEffectHandler<AlertOperator, ChatAlerts>("alert");
        return builder;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        app.MapHub<LucineHub>(LucineHub.Path).RequireCors(CorsPolicies.Widget);
        return app;
    }
}
