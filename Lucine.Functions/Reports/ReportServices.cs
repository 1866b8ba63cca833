using Lucine.Functions.Decisions;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Reports;

public static class ReportServices
{
    /// <summary>The daily aggregates (kept up to date from the analytics events the outbox records), their rebuild, and the reports.</summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ReportStore>();
        services.AddEffectHandler<RecordAnalytics, DailyRollup>(StorageServices.AnalyticsKind, EffectTiming.InBackground);
        services.AddSingleton<ReportRebuild>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app) => app.MapReportEndpoints();
}
