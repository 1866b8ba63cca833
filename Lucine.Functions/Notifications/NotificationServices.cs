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
        builder.AddTimerFunction(NotificationSweeper.Timer, "*/15 * * * * *");
        var services = builder.Services;

        services.AddHttpClient(TwilioSender.HttpClientName, LimitWait)
            .ConfigureAdditionalHttpMessageHandlers((handlers, sp) =>
            {
                // The SDK knows only Twilio's own host; a configured stand-in takes its requests instead.
                var baseUrl = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.BaseUrl;
                if (!string.IsNullOrWhiteSpace(baseUrl))
                {
                    handlers.Add(new TwilioBaseUrlHandler(baseUrl));
                }
            });
        services.AddHttpClient(SendGridSender.HttpClientName, LimitWait);

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
        services.AddSingleton<TwilioWebhookVerifier>();
        services.AddSingleton<SendGridWebhookVerifier>();
        services.AddHostedService<NotificationSweeper>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapWebhookEndpoints();
        app.MapSinkEndpoints();
        app.MapTimerFunction<NotificationQueue>(NotificationSweeper.Timer, async (queue, cancellationToken) =>
            (await queue.RunOnceAsync(cancellationToken)).ToString());
        return app;
    }

    private static void LimitWait(IServiceProvider services, HttpClient client) =>
        client.Timeout = services.GetRequiredService<IOptions<NotificationOptions>>().Value.RequestTimeout;
}
