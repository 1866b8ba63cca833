using Lucine.Functions.Storage;
using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Ai;

/// <summary>Lucine with its assistant pointed at a <see cref="FakeModelService"/>, and its analytics watched.</summary>
public sealed class ModelHost : IAsyncDisposable
{
    public const string ApiKey = "sk-test-0123456789abcdef";

    private ModelHost(LucineHost host, FakeModelService model, ObservedAnalytics analytics)
    {
        Host = host;
        Model = model;
        Analytics = analytics;
    }

    public LucineHost Host { get; }

    public FakeModelService Model { get; }

    public ObservedAnalytics Analytics { get; }

    /// <param name="azure">An Azure OpenAI resource (its /openai/v1/ endpoint, a deployment) instead of OpenAI.</param>
    public static async Task<ModelHost> StartAsync(
        string storage,
        bool azure = false,
        Action<Dictionary<string, string?>>? configure = null,
        TimeProvider? clock = null)
    {
        var model = await FakeModelService.StartAsync();
        ObservedAnalytics? analytics = null;
        var host = await LucineHost.StartAsync(
            storage,
            settings =>
            {
                settings["Ai:ApiKey"] = ApiKey;
                settings["Ai:Provider"] = azure ? "AzureOpenAI" : "OpenAI";
                settings["Ai:Endpoint"] = new Uri(model.BaseAddress, azure ? "/openai/v1/" : "/v1").ToString();
                settings["Ai:Model"] = azure ? "lucy-production" : "gpt-4o-mini";
                settings["Ai:RetryDelay"] = "00:00:00.010";
                configure?.Invoke(settings);
            },
            // The prompt's actions and facts depend on the season of the day: these tests' are the 2025/26 season's.
            clock ?? ShiftedClock.InSeason(),
            services: services => services.AddSingleton<IAnalyticsStore>(sp =>
                analytics = new ObservedAnalytics(new TableAnalyticsStore(sp.GetRequiredService<LucineTables>()))));
        _ = host.Services.GetRequiredService<IAnalyticsStore>();
        return new ModelHost(host, model, analytics!);
    }

    public Visitor NewVisitor() => new(Host.Http);

    /// <summary>The analytics of the turn that answered the visitor's first message.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TurnAsync(Visitor visitor) =>
        (await Analytics.FirstAsync(AnalyticsEventTypes.ChatMessage, visitor.SessionId!)).Data;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Model.DisposeAsync();
    }
}
