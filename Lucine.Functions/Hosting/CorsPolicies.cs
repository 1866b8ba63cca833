using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

public sealed class WidgetOptions
{
    public const string Section = "Widget";

    /// <summary>The sites allowed to embed the chat widget (their origins); "*" for any.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The park's privacy notice, linked in the widget before the first message (http or https); none: no link.</summary>
    [Url]
    public string? PrivacyUrl { get; set; }

    /// <summary>The widget's colours; checked for contrast at start (<see cref="WidgetThemeCheck"/>).</summary>
    public WidgetTheme Theme { get; set; } = new();
}

public static class CorsPolicies
{
    public const string Widget = "widget";

    public static IServiceCollection AddWidgetCors(this IServiceCollection services)
    {
        services.AddCors();
        return services.AddSingleton<IConfigureOptions<CorsOptions>, WidgetCorsSetup>();
    }

    /// <summary>The visitor API is called from the park's website, another origin than Lucine's. Tokens
    /// travel in headers, not cookies, so no credentials mode is needed.</summary>
    private sealed class WidgetCorsSetup(IOptions<WidgetOptions> widget) : IConfigureOptions<CorsOptions>
    {
        public void Configure(CorsOptions cors) => cors.AddPolicy(Widget, policy =>
        {
            var origins = widget.Value.AllowedOrigins;
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins]);
            }

            policy.WithMethods("GET", "POST")
                // The last two are sent by the SignalR browser client when it negotiates the hub.
                .WithHeaders("Content-Type", "Authorization", "X-Session-Token", "X-Requested-With", "X-SignalR-User-Agent")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        });
    }
}
