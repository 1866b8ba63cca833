using Lucine.Functions.Hosting;

namespace Lucine.Functions.Decisions;

public static class DecisionServices
{
    /// <summary>The one decision runner, its sweeper, and the one outbox dispatcher every aggregate delivers its effects through.</summary>
    public static IHostApplicationBuilder AddDecisions(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<DecisionOptions>(DecisionOptions.Section);
        builder.AddSettings<OutboxOptions>(OutboxOptions.Section);
        var services = builder.Services;
        services.AddSingleton<AggregateLocks>();
        services.AddSingleton<DecisionRunner>();
        services.AddSingleton<AggregateSweeper>();
        services.AddSingleton<EffectCatalog>();
        services.AddSingleton<DeliveredEffects>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return builder;
    }
}
