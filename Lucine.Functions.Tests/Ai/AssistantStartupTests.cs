using Lucine.Functions.Assistant;
using Microsoft.Extensions.Logging;

namespace Lucine.Functions.Tests.Ai;

/// <summary>Which assistant Lucine starts with, and the configurations it refuses.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class AssistantStartupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Without_a_key_the_knowledge_base_answers_alone_and_the_log_says_so_at_start()
    {
        var logs = new LogRecorder();
        await using var host = await LucineHost.StartAsync(
            azurite.ConnectionString,
            s => s["Logging:LogLevel:Default"] = "Information",
            services: services => services.AddSingleton<ILoggerProvider>(logs));

        Assert.IsType<LocalAssistant>(host.Services.GetRequiredService<IAssistant>());
        Assert.Contains(logs.Entries, e => e.Message == "No language model is configured (Ai:ApiKey is empty): the assistant answers from the knowledge base alone.");
    }

    [Fact]
    public async Task With_a_key_the_model_answers_and_the_log_names_it()
    {
        var logs = new LogRecorder();
        await using var host = await LucineHost.StartAsync(
            azurite.ConnectionString,
            s =>
            {
                s["Logging:LogLevel:Default"] = "Information";
                s["Ai:ApiKey"] = ModelHost.ApiKey;
                s["Ai:Provider"] = "AzureOpenAI";
                s["Ai:Endpoint"] = "https://lucine-test.openai.azure.com/openai/v1/";
                s["Ai:Model"] = "lucy-production";
            },
            services: services => services.AddSingleton<ILoggerProvider>(logs));

        Assert.IsType<ModelAssistant>(host.Services.GetRequiredService<IAssistant>());
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("The assistant answers with AzureOpenAI model lucy-production at lucine-test.openai.azure.com", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(ModelHost.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Azure_OpenAI_without_a_key_uses_the_apps_identity_and_the_log_says_so()
    {
        var logs = new LogRecorder();
        var identity = new RecordingCredential();
        await using var host = await LucineHost.StartAsync(
            azurite.ConnectionString,
            s =>
            {
                s["Logging:LogLevel:Default"] = "Information";
                s["Ai:Provider"] = "AzureOpenAI";
                s["Ai:Endpoint"] = "https://lucine-test.openai.azure.com/openai/v1/";
                s["Ai:Model"] = "lucy-production";
            },
            services: services => services.AddSingleton<ILoggerProvider>(logs).AddSingleton<Azure.Core.TokenCredential>(identity));

        Assert.IsType<ModelAssistant>(host.Services.GetRequiredService<IAssistant>());
        Assert.Contains(logs.Entries, e => e.Message.StartsWith(
            "The assistant answers with AzureOpenAI model lucy-production at lucine-test.openai.azure.com (authenticated with the app's identity)", StringComparison.Ordinal));

        // A token is asked for when the model is called, not at start.
        Assert.Empty(identity.Scopes);
    }

    [Theory]
    [InlineData("AzureOpenAI", "http://127.0.0.1:9/openai/v1/", "Ai:Endpoint must be an https address when the app's identity is used")]
    [InlineData("AzureOpenAI", null, "Ai:Endpoint is required for Azure OpenAI")]
    [InlineData("OpenAI", "https://api.openai.com/v1", "Ai:ApiKey is required for OpenAI")]
    public async Task Without_a_key_only_azure_openai_over_https_can_start(string provider, string? endpoint, string error)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s =>
            {
                s["Ai:Provider"] = provider;
                s["Ai:Endpoint"] = endpoint;
            });
        });

        Assert.Contains(error, Assert.IsAssignableFrom<Exception>(failure).Message);
    }

    [Theory]
    [InlineData("AzureOpenAI", null, "gpt-4o-mini", "Ai:Endpoint is required for Azure OpenAI")]
    [InlineData("OpenAI", "http://api.example.com/v1", "gpt-4o-mini", "Ai:Endpoint must be an https address")]
    [InlineData("OpenAI", null, " ", "Ai:Model is required")]
    public async Task A_model_configuration_that_cannot_work_stops_the_start(string provider, string? endpoint, string model, string error)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s =>
            {
                s["Ai:ApiKey"] = ModelHost.ApiKey;
                s["Ai:Provider"] = provider;
                s["Ai:Endpoint"] = endpoint;
                s["Ai:Model"] = model;
            });
        });

        Assert.Contains(error, Assert.IsAssignableFrom<Exception>(failure).Message);
    }
}
