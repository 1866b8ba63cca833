using Azure.Core;
using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>Lucine refuses to start on a configuration it cannot run safely, and says why.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class StartupTests(AzuriteFixture azurite)
{
    private async Task<Exception> StartFailure(string environment, Action<Dictionary<string, string?>> configure)
    {
        var exception = await Record.ExceptionAsync(async () =>
        {
            await using var host = await LucineHost.StartAsync(azurite.ConnectionString, configure, environment: environment);
        });
        return Assert.IsAssignableFrom<Exception>(exception);
    }

    [Fact]
    public async Task Outside_development_a_missing_session_key_stops_the_start()
    {
        var failure = await StartFailure("Production", s => s["Security:SessionTokenKey"] = null);

        Assert.Contains("Security:SessionTokenKey is required", failure.Message);
    }

    [Fact]
    public async Task A_weak_session_key_stops_the_start()
    {
        var failure = await StartFailure("Production", s => s["Security:SessionTokenKey"] = Convert.ToBase64String(new byte[16]));

        Assert.Contains("at least 32 bytes", failure.Message);
    }

    [Fact]
    public async Task Outside_development_a_missing_storage_connection_stops_the_start()
    {
        var failure = await StartFailure("Production", s => s["Storage:ConnectionString"] = null);

        Assert.Contains("Storage:ConnectionString (or AzureWebJobsStorage) is required", failure.Message);
    }

    [Fact]
    public async Task Unreachable_storage_stops_the_start_after_the_startup_timeout()
    {
        var closedPort = AzuriteServer.FreePort();
        var failure = await StartFailure("Testing", s =>
        {
            s["Storage:ConnectionString"] = azurite.ConnectionString.Replace($":{azurite.Server.Port}/", $":{closedPort}/", StringComparison.Ordinal);
            s["Storage:StartupTimeout"] = "00:00:01";
        });

        Assert.Contains("Table Storage could not be reached", failure.Message);
    }

    [Fact]
    public async Task A_table_endpoint_without_a_connection_string_is_reached_with_the_apps_identity()
    {
        // No storage answers on this port, and none here could check an Entra ID token: what is checked is
        // that the app's identity is asked for a token for Table Storage's documented scope, the
        // request's credential in managed-identity mode, and that the start then fails saying what to check.
        var identity = new RecordingCredential();
        var exception = await Record.ExceptionAsync(async () =>
        {
            await using var host = await LucineHost.StartAsync(
                azurite.ConnectionString,
                s =>
                {
                    s["Storage:ConnectionString"] = null;
                    s["Storage:TableEndpoint"] = $"https://127.0.0.1:{AzuriteServer.FreePort()}/devstoreaccount1";
                    s["Storage:BlobEndpoint"] = $"https://127.0.0.1:{AzuriteServer.FreePort()}/devstoreaccount1";
                    s["Storage:StartupTimeout"] = "00:00:01";
                },
                environment: "Production",
                services: services => services.AddSingleton<TokenCredential>(identity));
        });

        Assert.Contains("Storage:TableEndpoint and the app's identity", Assert.IsAssignableFrom<Exception>(exception).ToString());
        Assert.Contains(identity.Scopes, scopes => scopes.SequenceEqual(["https://storage.azure.com/.default"]));
    }

    [Fact]
    public async Task A_table_endpoint_that_is_not_https_stops_the_start()
    {
        var failure = await StartFailure("Production", s =>
        {
            s["Storage:ConnectionString"] = null;
            s["Storage:TableEndpoint"] = "http://account.table.core.windows.net";
        });

        Assert.Contains("Storage:TableEndpoint must be https", failure.Message);
    }

    [Fact]
    public async Task Forgetting_delivered_effects_later_than_they_count_as_left_behind_stops_the_start()
    {
        var failure = await StartFailure("Testing", s =>
        {
            s["Outbox:ForgetAfter"] = "00:00:40";
            s["Outbox:RedeliveryGrace"] = "00:00:30";
        });

        Assert.Contains("Outbox:ForgetAfter must be shorter than Outbox:RedeliveryGrace", failure.Message);
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("every five seconds")]
    [InlineData("*/5 * * * * * *")]
    public async Task A_timer_schedule_that_is_not_a_six_field_ncrontab_expression_stops_the_start(string schedule)
    {
        var failure = await StartFailure("Testing", s => s["Timers:SweepDeadlines"] = schedule);

        Assert.Contains($"Timers:SweepDeadlines (\"{schedule}\") must be an NCRONTAB expression with six fields", failure.Message);
    }

    [Fact]
    public async Task A_broken_template_stops_the_start_naming_the_mistake()
    {
        var templates = Path.Combine(Path.GetTempPath(), $"templates-{Guid.NewGuid():N}.json");
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Content", "templates.json"));
        await File.WriteAllTextAsync(templates, text.Replace("{event.name}: la tua richiesta", "{event.nam}: la tua richiesta", StringComparison.Ordinal));
        try
        {
            var failure = await StartFailure("Testing", s => s["Content:TemplatesPath"] = templates);

            Assert.Contains("template \"notify.subject\".it uses unknown placeholder {event.nam}", failure.Message);
        }
        finally
        {
            File.Delete(templates);
        }
    }

    [Fact]
    public async Task In_development_a_throwaway_session_key_is_generated()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s => s["Security:SessionTokenKey"] = null, environment: "Development");
        var visitor = new Visitor(host.Http);

        await visitor.SayAsync("ciao");
        var followUp = await visitor.PostAsync(new { message = "orari?", sessionId = visitor.SessionId });

        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
    }

    [Fact]
    public async Task Session_timeouts_and_queue_estimates_come_from_configuration()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s =>
        {
            s["Deadlines:Timeouts:QueueTicketOffer"] = "00:02:00";
            s["Queue:NobodyOnlineMinutes"] = "45";
        });

        Assert.Equal(TimeSpan.FromMinutes(2), host.Services.GetRequiredService<Lucine.Domain.Sessions.SessionTimeouts>().QueueTicketOffer);
        Assert.Equal(TimeSpan.FromMinutes(30), host.Services.GetRequiredService<Lucine.Domain.Sessions.SessionTimeouts>().AssistantIdle);
        Assert.Equal(45, host.Services.GetRequiredService<Lucine.Domain.Queue.QueuePolicy>().NobodyOnlineMinutes);
    }
    [Theory]
    [InlineData("AccessKey=0123456789abcdef0123456789abcdef;Version=1.0;", "needs an Endpoint")]
    [InlineData("Endpoint=http://lucine.service.signalr.net;AccessKey=0123456789abcdef0123456789abcdef;Version=1.0;", "Endpoint must be https")]
    [InlineData("Endpoint=https://lucine.service.signalr.net;Version=1.0;", "needs an AccessKey")]
    [InlineData("Endpoint=https://lucine.service.signalr.net;AccessKey=short;Version=1.0;", "shorter than 32 characters")]
    [InlineData("Endpoint=https://lucine.service.signalr.net;AccessKey=0123456789abcdef0123456789abcdef;Version=2.0;", "Lucine speaks version 1.0")]
    public async Task A_signalr_service_connection_string_that_cannot_work_stops_the_start_without_showing_the_key(string connectionString, string message)
    {
        var failure = await StartFailure("Testing", s => s["SignalR:ConnectionString"] = connectionString);

        Assert.Contains("SignalR:ConnectionString", failure.Message);
        Assert.Contains(message, failure.Message);
        Assert.DoesNotContain("0123456789abcdef", failure.Message);
    }
}
