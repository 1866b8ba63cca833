namespace Lucine.Functions.Tests.Api;

[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class HealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Health_reports_storage_and_version()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString);

        var response = await host.Http.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", health.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("0.1.0", health.RootElement.GetProperty("version").GetString());
        Assert.True(health.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task When_storage_goes_down_health_is_503_and_visitors_get_a_retryable_problem()
    {
        await using var ownAzurite = await AzuriteServer.StartAsync();
        await using var host = await LucineHost.StartAsync(ownAzurite.ConnectionString);
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("ciao");

        await ownAzurite.StopAsync();
        var health = await host.Http.GetAsync("/api/health");
        var chat = await visitor.PostAsync(new { message = "orari?", sessionId = visitor.SessionId, clientMessageId = "during-outage" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.False(body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("healthy").GetBoolean());
        await ProblemAssert.IsProblemAsync(chat, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.True(chat.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task When_storage_hangs_visitors_get_a_retryable_problem_not_a_500()
    {
        await using var proxy = new TcpProxy(azurite.Server.Port);
        await using var host = await LucineHost.StartAsync(
            azurite.ConnectionString.Replace($":{azurite.Server.Port}/", $":{proxy.Port}/", StringComparison.Ordinal),
            settings => settings["Storage:RequestTimeout"] = "00:00:02");
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("ciao");

        proxy.BecomeBlackHole();
        var chat = await visitor.PostAsync(new { message = "orari?", sessionId = visitor.SessionId, clientMessageId = "during-hang" });
        var health = await host.Http.GetAsync("/api/health");

        await ProblemAssert.IsProblemAsync(chat, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }
}
