using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Knowledge;

public static class KnowledgeServices
{
    /// <summary>
    /// The knowledge base and the customer texts (the shipped files, checked at start, and the versions admins save), the seasons
    /// (the configured one, checked at start, and the schedules admins save),
    /// and the workflows built on the current version with the rules the chat, queue and ticket features configure.
    /// </summary>
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<KnowledgeOptions>(KnowledgeOptions.Section);
        builder.Services.AddOptions<SeasonOptions>().Bind(builder.Configuration.GetSection(SeasonOptions.Section));
        builder.Services.AddOptions<ContentOptions>().Bind(builder.Configuration.GetSection(ContentOptions.Section));

        var services = builder.Services;
        services.AddSingleton<KnowledgeCompiler>();
        services.AddSingleton(sp => KnowledgeBaseLoader.Shipped(sp.GetRequiredService<IOptions<ContentOptions>>().Value, sp.GetRequiredService<KnowledgeCompiler>()));
        services.AddSingleton<KnowledgeSource>();
        services.AddSingleton<KnowledgeVersions>();
        services.AddSingleton<TextVersions>();
        services.AddSingleton<CurrentWorkflows>();
        services.AddSingleton<ShippedSeasons>();
        services.AddSingleton<Seasons>();
        return builder;
    }

    public static IEndpointRouteBuilder MapKnowledge(this IEndpointRouteBuilder app) => app.MapKnowledgeBaseEndpoints().MapSeasonEndpoints();
}
