namespace Lucine.Functions.Hosting;

public sealed class WidgetOptions
{
    public const string Section = "Widget";

    /// <summary>The sites allowed to embed the chat widget (their origins); "*" for any.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

public static class CorsPolicies
{
    public const string Widget = "widget";

    /// <summary>The visitor API is called from the park's website, another origin than Lucine's. Tokens
    /// travel in headers, not cookies, so no credentials mode is needed.</summary>
    public static IServiceCollection AddWidgetCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection(WidgetOptions.Section).Get<WidgetOptions>()?.AllowedOrigins ?? [];
        return services.AddCors(cors => cors.AddPolicy(Widget, policy =>
        {
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins]);
            }

            policy.WithMethods("GET", "POST")
                .WithHeaders("Content-Type", "Authorization", "X-Session-Token")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
    }
}
