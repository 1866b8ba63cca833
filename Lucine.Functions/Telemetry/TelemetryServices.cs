using Azure.Monitor.OpenTelemetry.AspNetCore;
using Lucine.Functions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lucine.Functions.Telemetry;

public static class TelemetryServices
{
    /// <summary>Every meter of Lucine's features is named Lucine.&lt;Feature&gt;.</summary>
    public const string LucineMeters = "Lucine.*";

    public const string ServiceName = "lucine";

    /// <summary>
    /// This instance's metrics for <c>GET /api/metrics</c>, always; and, as configured, OpenTelemetry to Azure
    /// Monitor (requests, dependencies with storage, model and provider calls, logs, Lucine's metrics and
    /// spans) and Lucine's metrics to the console.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InstanceMetrics>();
        var settings = TelemetrySettings.From(builder.Configuration);
        if (!settings.AzureMonitor && !settings.Console)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: HealthEndpoints.Version))
            .WithMetrics(metrics => metrics.AddMeter(LucineMeters));
        if (settings.AzureMonitor)
        {
            // The Azure SDK's spans (Table Storage) and the OpenAI SDK's spans and meters are experimental,
            // behind switches each client reads when it is made: after this, when the app first uses it.
            AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
            AppContext.SetSwitch("OpenAI.Experimental.EnableOpenTelemetry", true);

            // The distro brings ASP.NET Core and HttpClient instrumentation (Twilio, SendGrid, OpenAI over
            // HTTP), the Azure.* sources and the exporter; its own settings are the AzureMonitor section.
            telemetry.UseAzureMonitor()
                .WithTracing(tracing => tracing.AddSource(LucineActivities.SourceName, "OpenAI.*"))
                .WithMetrics(metrics => metrics.AddMeter("OpenAI.*"));
        }

        if (settings.Console)
        {
            telemetry.WithMetrics(metrics => metrics.AddConsoleExporter());
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        // Listening from before the app starts: the totals are this instance's since its start.
        _ = app.ServiceProvider.GetRequiredService<InstanceMetrics>();
        app.MapMetricsEndpoints();
        return app;
    }
}
