using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>Everything outgoing notifications need: options, provider clients, senders, store, sweep.</summary>
public static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SendGridOptions>().Bind(configuration.GetSection(SendGridOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddHttpClient(TwilioSender.HttpClientName, (sp, client) =>
            Configure(client, sp.GetRequiredService<IOptions<TwilioOptions>>().Value.BaseUrl, sp.GetRequiredService<IOptions<NotificationOptions>>().Value));
        services.AddHttpClient(SendGridSender.HttpClientName, (sp, client) =>
            Configure(client, sp.GetRequiredService<IOptions<SendGridOptions>>().Value.BaseUrl, sp.GetRequiredService<IOptions<NotificationOptions>>().Value));

        services.AddSingleton<TwilioSender>();
        services.AddSingleton<SendGridSender>();
        services.AddSingleton<LocalSink>();

        // Outside development, messages that reach nobody deserve a warning.
        var sinkLogLevel = environment.IsDevelopment() ? LogLevel.Information : LogLevel.Warning;
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ChannelRouter>(sp, sinkLogLevel));
        services.AddHostedService(sp => sp.GetRequiredService<ChannelRouter>());

        services.AddSingleton<NotificationStore>();
        services.AddSingleton<NotificationRetryIndex>();
        services.AddSingleton<UndeliverableContacts>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<DeliveryReports>();
        services.AddSingleton<TwilioSignature>();
        services.AddSingleton<SendGridEventSignature>();
        services.AddHostedService<NotificationSweeper>();
        return services;
    }

    private static void Configure(HttpClient client, string baseUrl, NotificationOptions options)
    {
        client.BaseAddress = ProviderUrls.BaseAddress(baseUrl);
        client.Timeout = options.RequestTimeout;
    }
}
