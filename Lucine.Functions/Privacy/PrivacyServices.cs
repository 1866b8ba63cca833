using Lucine.Functions.Hosting;

namespace Lucine.Functions.Privacy;

public static class PrivacyServices
{
    /// <summary>Personal data: its retention (due indexes, the ApplyRetention timer), export and erasure.</summary>
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<PrivacyOptions>(PrivacyOptions.Section);
        builder.AddTimerFunction(RetentionRun.Timer, "0 17 * * * *");
        var services = builder.Services;
        services.AddSingleton<RetentionSchedule>();
        services.AddSingleton<PersonalData>();
        services.AddSingleton<IPersonalDataEraser>(sp => sp.GetRequiredService<PersonalData>());
        services.AddSingleton<CustomerRecords>();
        services.AddSingleton<ErasureJobs>();
        services.AddSingleton<RetentionRun>();
        services.AddHostedService<RetentionLoop>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        app.MapPrivacyEndpoints();
        app.MapTimerFunction<RetentionRun>(RetentionRun.Timer, async (run, cancellationToken) => (await run.RunOnceAsync(cancellationToken)).ToString());
        return app;
    }
}
