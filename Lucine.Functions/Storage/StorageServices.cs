using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Storage;

public static class StorageServices
{
    /// <summary>What outbox rows store <see cref="RecordAnalytics"/> as: every handler of it (the raw events, the reports' rollup) registers under this name.</summary>
    public const string AnalyticsKind = "analytics";

    /// <summary>Table Storage: the tables (created at start), their circuit, the request meter, the health check, the reports' events.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        builder.AddSettings<StorageOptions>(StorageOptions.Section).PostConfigure(options =>
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.TableEndpoint is null)
            {
                options.ConnectionString = configuration["AzureWebJobsStorage"] is { Length: > 0 } functionsStorage
                    ? functionsStorage
                    : environment.IsDevelopment() ? StorageOptions.DevelopmentConnectionString : null;
            }
        });

        builder.AddSettings<StorageCircuitOptions>(StorageCircuitOptions.Section);

        var services = builder.Services;
        services.AddSingleton<StorageRequestMeter>();
        services.AddSingleton<LucineTables>();
        services.AddSingleton(provider => provider.GetRequiredService<LucineTables>().Circuit);
        services.AddHostedService<TableInitializer>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        services.AddSingleton<WindowCounter>();
        services.AddSingleton<IAnalyticsStore, TableAnalyticsStore>();
        services.AddEffectHandler<RecordAnalytics, AnalyticsRecorder>(AnalyticsKind, EffectTiming.InBackground);
        return builder;
    }
}
