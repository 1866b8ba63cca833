using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Realtime;

public static class RealtimeServices
{
    /// <summary>
    /// Realtime through the app's own SignalR hub (standalone), or through Azure SignalR Service when
    /// SignalR:ConnectionString is set (behind the Functions host, which forwards no WebSockets).
    /// </summary>
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<SignalRServiceOptions>(SignalRServiceOptions.Section);

        // Chosen when first resolved, not here: configuration added after this call counts too.
        builder.Services.AddSignalR().AddJsonProtocol(json => Wire.Configure(json.PayloadSerializerOptions));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SignalRServiceOptions>>().Value.Endpoint());
        builder.Services.AddSingleton<ServiceTokens>();
        builder.Services.AddSingleton<HubConnections>();
        builder.Services.AddSingleton<ServiceChannel>();
        builder.Services.AddHttpClient(ServiceChannel.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<SignalRServiceOptions>>().Value.RequestTimeout);
        builder.Services.AddSingleton<IRealtimeChannel>(sp => sp.GetRequiredService<IOptions<SignalRServiceOptions>>().Value.Enabled
            ? sp.GetRequiredService<ServiceChannel>()
            : ActivatorUtilities.CreateInstance<HubChannel>(sp));

        builder.Services.AddSingleton<RealtimePublisher>();
        builder.Services.AddEffectHandler<PublishUpdate, SessionUpdates>("publish");
        builder.Services.AddEffectHandler<AlertOperator, ChatAlerts>("alert");
        builder.Services.AddEffectHandler<PageChanged, PageChanges>("page");
        return builder;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<SignalRServiceOptions>>().Value.Enabled)
        {
            app.MapServiceEndpoints();
        }
        else
        {
            app.MapHub<LucineHub>(LucineHub.Path).RequireCors(CorsPolicies.Widget);
        }

        app.MapTypingEndpoints();
        return app;
    }
}
