using Azure.Core;
using Azure.Identity;
using Lucine.Functions.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

/// <summary>What every feature stands on: configuration, the clock, JSON, problems, CORS, security, identity.</summary>
public static class HostingServices
{
    /// <summary>The settings each feature reads to know whether its background loops run here (standalone) or the host's timers do.</summary>
    public const string RunInBackground = "RunInBackground";

    /// <summary>Set by the Azure Functions host for its custom handler: where to listen.</summary>
    public const string FunctionsHostPort = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static bool IsBehindFunctionsHost(IConfiguration configuration) => configuration[FunctionsHostPort] is { Length: > 0 };

    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder, params string[] backgroundSections)
    {
        builder.Configuration.AddLocalSettings(Directory.GetCurrentDirectory());
        if (IsBehindFunctionsHost(builder.Configuration))
        {
            var port = builder.Configuration[FunctionsHostPort];
            // Behind the Azure Functions host: listen where it expects (custom handler contract), and let
            // its timer functions do what the background loops do standalone.
            builder.Configuration.AddInMemoryCollection(
                backgroundSections.Select(section => new KeyValuePair<string, string?>($"{section}:{RunInBackground}", "false"))
                    .Append(new("urls", $"http://127.0.0.1:{port}")));
        }

        var services = builder.Services;

        // Which server answers is nobody's business.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Problems.GiveStableType);
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.ConfigureHttpJsonOptions(json => Wire.Configure(json.SerializerOptions));
        services.AddWidgetCors();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ParkClock>();
        services.AddSingleton<ClientAddress>();
        services.AddAddressLimits();
        builder.AddSettings<WidgetOptions>(WidgetOptions.Section);
        services.AddSingleton<IValidateOptions<WidgetOptions>, WidgetThemeCheck>();
        builder.AddSettings<SecurityOptions>(SecurityOptions.Section);
        services.AddSingleton<SecurityOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<SecurityOptions>>(sp => sp.GetRequiredService<SecurityOptionsSetup>());
        services.AddSingleton<IValidateOptions<SecurityOptions>>(sp => sp.GetRequiredService<SecurityOptionsSetup>());
        services.AddLucineIdentity();

        // The app's own identity (the managed identity on Azure): the one credential for whatever is reached
        // without a key (storage by endpoint, Azure OpenAI without a key), made only when one of them asks.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton<Func<TokenCredential>>(sp => sp.GetRequiredService<TokenCredential>);
        return builder;
    }

    public static WebApplication UseHosting(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseCors();
        app.UseRateLimiter();
        app.UseWebSockets();
        app.UseAuthentication();

        // Between the two: the audit sees who calls, and records the refusals too.
        app.UseMiddleware<Audit.AuditRecorder>();
        app.UseAuthorization();
        app.UsePermissions();
        app.UseStaticFolders();
        return app;
    }
}
