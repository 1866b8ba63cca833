using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>Everything outgoing notifications need: options, provider clients, senders, store, sweep.</summary>
public static class NotificationServices
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<TwilioOptions>(TwilioOptions.Section);
        builder.AddSettings<SendGridOptions>(SendGridOptions.Section);
        builder.AddSettings<NotificationOptions>(NotificationOptions.Section);
        var services = builder.Services;

        services.AddHttpClient(TwilioSender.HttpClientName, (sp, client) =>
            Configure(client, sp.GetRequiredService<IOptions<TwilioOptions>>().Value.BaseUrl, sp.GetRequiredService<IOptions<NotificationOptions>>().Value));
        services.AddHttpClient(SendGridSender.HttpClientName, (sp, client) =>
            Configure(client, sp.GetRequiredService<IOptions<SendGridOptions>>().Value.BaseUrl, sp.GetRequiredService<IOptions<NotificationOptions>>().Value));

        services.AddSingleton<TwilioSender>();
        services.AddSingleton<SendGridSender>();
        services.AddSingleton<LocalSink>();

        // Outside development, messages that reach nobody deserve a warning.
        var sinkLogLevel = builder.Environment.IsDevelopment() ? LogLevel.Information : LogLevel.Warning;
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ChannelRouter>(sp, sinkLogLevel));
        services.AddHostedService(sp => sp.GetRequiredService<ChannelRouter>());

        services.AddSingleton<NotificationStore>();
        services.AddSingleton<NotificationRetryIndex>();
        services.AddSingleton<UndeliverableContacts>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationQueue>();
        services.AddSingleton<DeliveryReports>();
        services.AddSingleton<TwilioSignature>();
        services.AddSingleton<SendGridEventSignature>();
        services.AddHostedService<NotificationSweeper>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapWebhookEndpoints();
        app.MapSinkEndpoints();
        app.MapTimerFunction<NotificationQueue>("SendNotifications", "*/15 * * * * *", async (queue, cancellationToken) =>
            (await queue.RunOnceAsync(cancellationToken)).ToString());
        return app;
    }

    private static void Configure(HttpClient client, string baseUrl, NotificationOptions options)
    {
        client.BaseAddress = ProviderUrls.BaseAddress(baseUrl);
        client.Timeout = options.RequestTimeout;
    }
}
