using Lucine.Functions.Hosting;
using Lucine.Functions.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tests.Deployment;

/// <summary>
/// infra/ compiles cleanly, and what it deploys runs Lucine: the app's own start-up validation, in
/// Production, accepts exactly the app settings the template writes (so a setting the app comes to
/// require fails here until the template provides it), the host finds every timer's schedule, and no
/// setting holds a key. Nothing here reaches Azure: the Bicep compiler's snapshot is what would be deployed.
/// </summary>
[Trait("Category", Layer.Integration)]
public sealed class DeploymentTemplateTests(DeploymentSnapshot snapshot, GeneratedManifests manifests)
    : IClassFixture<DeploymentSnapshot>, IClassFixture<GeneratedManifests>
{
    private static readonly string Infra = RepositoryRoot.Combine("infra");

    [Fact]
    public async Task The_template_compiles_without_an_error_or_a_warning()
    {
        var build = await Bicep.RunAsync(Infra, "build", "main.bicep", "--stdout");

        Assert.Equal(0, build.ExitCode);
        Assert.Empty(build.Complaints);
        using var template = JsonDocument.Parse(build.Output);
        Assert.Contains("deploymentTemplate.json", template.RootElement.GetProperty("$schema").GetString());
    }

    [Fact]
    public async Task The_example_parameters_compile_without_an_error_or_a_warning()
    {
        var build = await Bicep.RunAsync(Infra, "build-params", "main.bicepparam", "--stdout");

        Assert.Equal(0, build.ExitCode);
        Assert.Empty(build.Complaints);
        using var parameters = JsonDocument.Parse(JsonDocument.Parse(build.Output).RootElement.GetProperty("parametersJson").GetString()!);
        Assert.Equal(Bicep.DeployerEnvironment["LUCINE_SESSION_TOKEN_KEY"], parameters.RootElement.GetProperty("parameters").GetProperty("sessionTokenKey").GetProperty("value").GetString());
    }

    [Fact]
    public void The_example_deployment_expands_completely()
    {
        Assert.Empty(snapshot.Command.Complaints);
        Assert.Equal(0, snapshot.Diagnostics.GetArrayLength());
        Assert.Contains(snapshot.Resources, r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults/secrets");
    }

    [Fact]
    public async Task The_app_starts_in_production_on_exactly_the_settings_the_template_writes()
    {
        var failure = await StartupValidationFailure(SettingsForTheApp());

        Assert.Null(failure);
    }

    [Fact]
    public async Task Without_a_setting_the_app_requires_the_same_check_fails()
    {
        var settings = SettingsForTheApp();
        Assert.True(settings.Remove("Security:SessionTokenKey"));

        var failure = await StartupValidationFailure(settings);

        Assert.Contains("Security:SessionTokenKey is required", Assert.IsAssignableFrom<Exception>(failure).Message);
    }

    [Fact]
    public void Every_timer_the_host_runs_has_its_schedule_in_the_app_settings()
    {
        var schedules = manifests.Documents
            .Select(d => d.Document.RootElement.GetProperty("bindings")[0])
            .Where(trigger => trigger.GetProperty("type").GetString() == "timerTrigger")
            .Select(trigger => trigger.GetProperty("schedule").GetString()!)
            .ToList();

        Assert.NotEmpty(schedules);
        foreach (var schedule in schedules)
        {
            // %Timers:SweepDeadlines% is resolved by the host against its configuration: the app setting Timers__SweepDeadlines.
            Assert.Matches("^%[A-Za-z]+:[A-Za-z]+%$", schedule);
            var setting = schedule.Trim('%').Replace(":", "__", StringComparison.Ordinal);
            Assert.True(snapshot.AppSettings.TryGetValue(setting, out var value), $"{schedule} names no app setting of the template ({setting}).");
            Assert.NotNull(TimerSchedule.Parse(value));
        }
    }

    [Fact]
    public void No_app_setting_holds_a_key_or_a_secret()
    {
        foreach (var (name, value) in snapshot.AppSettings)
        {
            foreach (var credential in new[] { "AccountKey=", "AccessKey=", "SharedAccessSignature", "sig=", "listKeys(" })
            {
                Assert.DoesNotContain(credential, value, StringComparison.OrdinalIgnoreCase);
            }

            // The snapshot evaluates every parameter but the secure ones: a parameter left here is a secret in clear.
            Assert.False(value.Contains("parameters(", StringComparison.Ordinal), $"{name} takes a secure parameter's value: keep it in Key Vault.");
        }
    }

    [Fact]
    public void Every_Key_Vault_reference_names_a_secret_the_template_keeps_in_its_vault()
    {
        var references = Resolved().Where(s => s.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)).ToList();
        var secrets = snapshot.OfType("Microsoft.KeyVault/vaults/secrets").Select(s => s.GetProperty("name").GetString()).ToHashSet();
        var vault = snapshot.Single("Microsoft.KeyVault/vaults");

        Assert.Equal(
            ["Operators__Bootstrap__Password", "Security__OperatorTokenKey", "Security__SessionTokenKey", "SendGrid__ApiKey", "SignalR__ConnectionString", "Twilio__AuthToken"],
            references.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.True(vault.GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
        foreach (var (setting, reference) in references)
        {
            var uri = new Uri(reference["@Microsoft.KeyVault(SecretUri=".Length..^1]);
            Assert.Equal($"{vault.GetProperty("name").GetString()}.vault.azure.net", uri.Host);
            Assert.Matches("^/secrets/[A-Za-z0-9-]+/$", uri.AbsolutePath);
            Assert.Contains($"{vault.GetProperty("name").GetString()}/{uri.Segments[2].TrimEnd('/')}", secrets);
            Assert.Equal(setting.Replace("__", "--", StringComparison.Ordinal), uri.Segments[2].TrimEnd('/'));
        }
    }

    [Fact]
    public void The_apps_identity_holds_the_roles_it_needs_where_it_needs_them()
    {
        var app = snapshot.Single("Microsoft.Web/sites").GetProperty("id").GetString()!;
        string IdOf(string type) => snapshot.Single(type).GetProperty("id").GetString()!;
        var openAi = $"/subscriptions/{DeploymentSnapshot.SubscriptionId}/resourceGroups/lucine-ai/providers/Microsoft.CognitiveServices/accounts/lucine-openai";

        (string Role, string Scope)[] needed =
        [
            ("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", IdOf("Microsoft.Storage/storageAccounts")), // Storage Table Data Contributor
            ("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", IdOf("Microsoft.Storage/storageAccounts")), // Storage Blob Data Owner
            ("4633458b-17de-408a-b874-0445c86b69e6", IdOf("Microsoft.KeyVault/vaults")), // Key Vault Secrets User
            ("420fcaa2-552c-430f-98ca-3264be4806c7", IdOf("Microsoft.SignalRService/signalR")), // SignalR App Server
            ("3913510d-42f4-4e42-8a64-420c390055eb", IdOf("Microsoft.Insights/components")), // Monitoring Metrics Publisher
            ("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", openAi), // Cognitive Services OpenAI User
        ];
        var granted = snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Select(a => (
                Role: a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Split('/')[^1],
                Scope: a.GetProperty("id").GetString()!,
                Principal: a.GetProperty("properties").GetProperty("principalId").GetString()!))
            .ToList();

        foreach (var (role, scope) in needed)
        {
            Assert.Contains(granted, g => g.Role == role && g.Scope.StartsWith($"[extensionResourceId('{scope}',", StringComparison.Ordinal)
                && g.Principal == $"[reference('{app}', '2024-04-01', 'full').identity.principalId]");
        }
    }

    [Fact]
    public void The_app_is_a_flex_consumption_custom_handler_on_identity_based_storage()
    {
        var app = snapshot.Single("Microsoft.Web/sites").GetProperty("properties").GetProperty("functionAppConfig");
        var storage = snapshot.Single("Microsoft.Storage/storageAccounts");
        var plan = snapshot.Single("Microsoft.Web/serverfarms").GetProperty("sku");

        Assert.Equal(("FlexConsumption", "FC1"), (plan.GetProperty("tier").GetString(), plan.GetProperty("name").GetString()));
        Assert.Equal(("custom", "1.0"), (app.GetProperty("runtime").GetProperty("name").GetString(), app.GetProperty("runtime").GetProperty("version").GetString()));
        Assert.Equal("SystemAssignedIdentity", app.GetProperty("deployment").GetProperty("storage").GetProperty("authentication").GetProperty("type").GetString());
        Assert.False(storage.GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal(storage.GetProperty("name").GetString(), snapshot.AppSettings["AzureWebJobsStorage__accountName"]);
        Assert.Equal($"https://{storage.GetProperty("name").GetString()}.table.core.windows.net/", Resolved()["Storage__TableEndpoint"]);
        Assert.Equal($"https://{storage.GetProperty("name").GetString()}.blob.core.windows.net/", Resolved()["Storage__BlobEndpoint"]);
        Assert.Equal(["chat-attachments", "ticket-attachments"],
            snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => c.GetProperty("name").GetString()!.Split('/')[^1]).Where(n => n.EndsWith("-attachments", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        // Flex Consumption refuses these; the runtime and the package are in functionAppConfig.
        foreach (var setting in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "AzureWebJobsStorage", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE" })
        {
            Assert.False(snapshot.AppSettings.ContainsKey(setting), setting);
        }
    }

    [Fact]
    public void SignalR_is_serverless_and_calls_the_app_back_when_connections_open_and_close()
    {
        var signalR = snapshot.Single("Microsoft.SignalRService/signalR").GetProperty("properties");
        var upstream = Assert.Single(signalR.GetProperty("upstream").GetProperty("templates").EnumerateArray());

        Assert.Contains(signalR.GetProperty("features").EnumerateArray(), f => f.GetProperty("flag").GetString() == "ServiceMode" && f.GetProperty("value").GetString() == "Serverless");
        Assert.Equal("https://lucine.azurewebsites.net/api/realtime/upstream/{hub}/{category}/{event}", ArmExpressions.Evaluate(upstream.GetProperty("urlTemplate").GetString()!, Runtime));
        Assert.Equal(("lucine", "connected,disconnected", "connections"), (upstream.GetProperty("hubPattern").GetString(), upstream.GetProperty("eventPattern").GetString(), upstream.GetProperty("categoryPattern").GetString()));
    }

    /// <summary>Values only a deployment knows, by the property the template reads.</summary>
    private static string Runtime(string property) => property switch
    {
        "ConnectionString" => "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
        "defaultHostName" => "lucine.azurewebsites.net",
        _ => throw new NotSupportedException($"No stand-in for the deployed value of {property}: add one here."),
    };

    private Dictionary<string, string> Resolved() => snapshot.AppSettings.ToDictionary(s => s.Key, s => ArmExpressions.Evaluate(s.Value, Runtime));

    /// <summary>
    /// The template's settings as the app's configuration sees them on Azure (Section__Key is Section:Key), a
    /// Key Vault reference standing for a secret of the shape the app expects.
    /// </summary>
    private Dictionary<string, string?> SettingsForTheApp() => Resolved().ToDictionary(
        s => s.Key.Replace("__", ":", StringComparison.Ordinal),
        string? (s) => !s.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal) ? s.Value
            : s.Key.EndsWith("ConnectionString", StringComparison.Ordinal) ? $"Endpoint=https://lucine.service.signalr.net;AccessKey={LucineHost.NewSecret()};Version=1.0;"
            : LucineHost.NewSecret());

    /// <summary>The app built as Program builds it, in Production, with these settings, and its start-up validation run.</summary>
    private static async Task<Exception?> StartupValidationFailure(Dictionary<string, string?> settings)
    {
        WebApplication? app = null;
        try
        {
            return Record.Exception(() =>
            {
                app = LucineApplication.Build(["--environment", "Production"], builder => builder.Configuration.AddInMemoryCollection(settings));
                app.Services.GetRequiredService<IStartupValidator>().Validate();
            });
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
