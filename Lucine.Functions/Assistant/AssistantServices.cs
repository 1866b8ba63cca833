using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Assistant;

/// <summary>Chooses the assistant: the language model when one is configured (a key, or Azure OpenAI with the app's identity), the knowledge base alone otherwise.</summary>
public static partial class AssistantServices
{
    public static IHostApplicationBuilder AddAssistant(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<AiOptions>(AiOptions.Section);
        var services = builder.Services;
        services.AddHttpClient(ModelClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ModelClient>();
        services.AddSingleton<IAssistant>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AiOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AssistantServices));
            if (!options.IsConfigured)
            {
                LogLocalOnly(logger, AiOptions.Section);
                return new LocalAssistant();
            }

            LogModel(logger, options.Provider, options.Model, options.EffectiveEndpoint.Host, options.UsesIdentity ? "the app's identity" : "a key");
            return ActivatorUtilities.CreateInstance<ModelAssistant>(sp);
        });
        return builder;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No language model is configured ({Section}:ApiKey is empty): the assistant answers from the knowledge base alone.")]
    private static partial void LogLocalOnly(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "The assistant answers with {Provider} model {Model} at {Host} (authenticated with {Authentication}), and from the knowledge base whenever the model cannot.")]
    private static partial void LogModel(ILogger logger, AiProvider provider, string model, string host, string authentication);
}
