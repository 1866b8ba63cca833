using Azure.Core;
using Azure.Identity;
using Lucine.Domain;
using Lucine.Domain.Queue;
using Lucine.Domain.Sessions;
using Lucine.Domain.Tickets;
using Lucine.Functions.Assistant;
using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Notifications;
using Lucine.Functions.Operators;
using Lucine.Functions.Outbox;
using Lucine.Functions.Queue;
using Lucine.Functions.Realtime;
using Lucine.Functions.Storage;
using Lucine.Functions.Tickets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Lucine.Functions;

/// <summary>
/// Builds the one Lucine process. <c>Program</c> runs it; tests and the benchmark build it the same
/// way, on a real Kestrel, changing only configuration and the clock.
/// </summary>
public static class LucineApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The binaries' folder holds appsettings, content, widget and dashboard, however the process is started.
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Configuration.AddLocalSettings(Directory.GetCurrentDirectory());
        ListenWhereTheFunctionsHostExpects(builder);
        AddServices(builder.Services, builder.Configuration, builder.Environment);

        // Last, so that what it registers wins; configuration is read lazily, so what it adds counts too.
        customize?.Invoke(builder);

        var app = builder.Build();

        // Invalid configuration or content stops the process here, before it listens.
        _ = app.Services.GetRequiredService<ShippedKnowledgeBase>();
        _ = app.Services.GetRequiredService<IAssistant>();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseCors();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        ServeStaticFolder(app, "widget");
        ServeStaticFolder(app, "dashboard");
        app.MapChatFunctions();
        app.MapHealthFunctions();
        app.MapOperatorAccountFunctions();
        app.MapOperatorChatFunctions();
        app.MapOperatorTicketFunctions();
        app.MapCustomerTicketFunctions();
        app.MapTimerFunctions();
        app.MapNotificationFunctions();
        app.MapKnowledgeBaseFunctions();
        app.MapHub<LucineHub>(LucineHub.Path).RequireCors(CorsPolicies.Widget);
        return app;
    }

    private static void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Problems.GiveStableType);
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.ConfigureHttpJsonOptions(json => Wire.Configure(json.SerializerOptions));
        services.AddWidgetCors();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    options.ConnectionString = configuration["AzureWebJobsStorage"] is { Length: > 0 } functionsStorage
                        ? functionsStorage
                        : environment.IsDevelopment() ? StorageOptions.DevelopmentConnectionString : null;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WidgetOptions>().Bind(configuration.GetSection(WidgetOptions.Section));
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateOnStart();
        services.AddSingleton<SecurityOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<SecurityOptions>>(sp => sp.GetRequiredService<SecurityOptionsSetup>());
        services.AddSingleton<IValidateOptions<SecurityOptions>>(sp => sp.GetRequiredService<SecurityOptionsSetup>());
        services.AddOptions<SeasonOptions>().Bind(configuration.GetSection(SeasonOptions.Section));
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.Section));

        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton<Func<TokenCredential>>(sp => sp.GetRequiredService<TokenCredential>);
        services.AddSingleton<StorageRequestMeter>();
        services.AddSingleton<LucineTables>();
        services.AddHostedService<TableInitializer>();
        services.AddSingleton<ISessionStore, TableSessionStore>();
        services.AddSingleton<IAnalyticsStore, TableAnalyticsStore>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");

        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => KnowledgeBaseLoader.Compiler(
            sp.GetRequiredService<IOptions<ContentOptions>>().Value, sp.GetRequiredService<IOptions<SeasonOptions>>().Value));
        services.AddSingleton(sp => KnowledgeBaseLoader.Shipped(sp.GetRequiredService<IOptions<ContentOptions>>().Value, sp.GetRequiredService<KnowledgeCompiler>()));
        services.AddSingleton<KnowledgeStore>();
        services.AddSingleton<KnowledgeSource>();
        services.AddSingleton<KnowledgeVersions>();
        services.AddSingleton<CurrentWorkflows>();
        services.AddAssistant(configuration);
        services.AddSingleton(sp => new MessageRatePolicy(
            sp.GetRequiredService<IOptions<ChatOptions>>().Value.MessagesPerMinute, TimeSpan.FromMinutes(1)));
        services.AddSingleton<ParkClock>();
        services.AddSingleton<SessionCredentials>();
        services.AddSingleton<SessionLocks>();
        services.AddSingleton<SessionProcessor>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeadlineOptions>().Bind(configuration.GetSection(DeadlineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueuePolicy>().Bind(configuration.GetSection("Queue"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QueuePolicy>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeadlineOptions>>().Value.Timeouts);
        services.AddSingleton<OperatorStore>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<OperatorTokens>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<ClientAddress>();
        services.AddHostedService<OperatorBootstrap>();
        services.AddLucineIdentity();
        services.AddSignalR().AddJsonProtocol(json => Wire.Configure(json.PayloadSerializerOptions));
        services.AddSingleton<RealtimePublisher>();
        services.AddSingleton<QueueIndex>();
        services.AddSingleton<DeadlineIndex>();
        services.AddSingleton<RoutingSignal>();
        services.AddSingleton<OperatorReservations>();
        services.AddSingleton<QueueRouter>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueRouter>());
        services.AddSingleton<DeadlineSweep>();
        services.AddHostedService<DeadlineSweeper>();
        services.AddSingleton<WindowCounter>();
        services.AddNotifications(configuration, environment);
        AddTickets(services, configuration);
    }

    private static void AddTickets(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TicketOptions>().Bind(configuration.GetSection(TicketOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddTicketRules(configuration);
        services.AddSingleton(sp => new TicketRules(
            sp.GetRequiredService<SlaPolicy>(),
            TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<SeasonOptions>>().Value.TimeZone))
        {
            AutoCloseAfter = sp.GetRequiredService<IOptions<TicketOptions>>().Value.AutoCloseAfter,
        });
        services.AddSingleton<TicketStore>();
        services.AddSingleton<TicketIndex>();
        services.AddSingleton<TicketDueIndex>();
        services.AddSingleton<TicketCredentials>();
        services.AddSingleton<TicketOutbox>();
        services.AddSingleton<TicketDesk>();
        services.AddSingleton<ITicketInbox, TicketInbox>();
        services.AddSingleton<TicketSweep>();
        services.AddHostedService<TicketSweeper>();
    }

    /// <summary>Behind the Azure Functions host, the port is the one it chose (custom handler contract).</summary>
    private static void ListenWhereTheFunctionsHostExpects(WebApplicationBuilder builder)
    {
        if (builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");

            // The host's timer functions (SweepDeadlines, RouteQueue, SweepTickets, SendNotifications) do what the background loops do standalone.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{DeadlineOptions.Section}:{nameof(DeadlineOptions.RunInBackground)}"] = "false",
                [$"{RoutingOptions.Section}:{nameof(RoutingOptions.RunInBackground)}"] = "false",
                [$"{TicketOptions.Section}:{nameof(TicketOptions.RunInBackground)}"] = "false",
                [$"{NotificationOptions.Section}:{nameof(NotificationOptions.RunInBackground)}"] = "false",
            });
        }
    }

    private static void ServeStaticFolder(WebApplication app, string folder)
    {
        var path = Path.Combine(app.Environment.ContentRootPath, folder);
        if (Directory.Exists(path))
        {
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = new PhysicalFileProvider(path), RequestPath = "/" + folder });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(path), RequestPath = "/" + folder });
        }
    }
}
