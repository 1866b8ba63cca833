using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

public static class ChatServices
{
    /// <summary>Conversations: the visitor's and the operators' side, their storage, their rules, their deadlines.</summary>
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<ChatOptions>(ChatOptions.Section);
        builder.AddSettings<DeadlineOptions>(DeadlineOptions.Section);
        builder.AddTimerFunction(DeadlineSweep.Timer, "*/5 * * * * *");
        var services = builder.Services;
        services.AddSingleton(sp => new MessageRatePolicy(sp.GetRequiredService<IOptions<ChatOptions>>().Value.MessagesPerMinute, TimeSpan.FromMinutes(1)));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeadlineOptions>>().Value.Timeouts);
        services.AddSingleton<SessionCredentials>();
        services.AddKeyedSingleton(ChatEndpoints.SessionOpenings, (sp, _) =>
            new AddressLimiter(sp.GetRequiredService<ClientAddress>(), sp.GetRequiredService<IOptions<ChatOptions>>().Value.SessionsPerAddressPerMinute, TimeSpan.FromMinutes(1)));
        services.AddSingleton<TableSessionStore>();
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<TableSessionStore>());
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<TableSessionStore>().Partitions);
        services.AddSingleton<DeadlineIndex>();
        services.AddSingleton<SessionNeedFulfiller>();
        services.AddSingleton<SessionAggregate>();
        services.AddSingleton<Conversations>();
        services.AddSingleton<IDecisionObserver, ChatMetrics>();
        services.AddSingleton<DeadlineSweep>();
        services.AddHostedService<DeadlineSweeper>();
        return builder;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        app.MapChatEndpoints();
        app.MapOperatorChatEndpoints();
        app.MapTimerFunction<DeadlineSweep>(DeadlineSweep.Timer, async (sweep, cancellationToken) =>
            (await sweep.RunOnceAsync(cancellationToken)).ToString());
        return app;
    }
}
