using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Operators;

/// <summary>
/// Failed logins are limited per username and per client address (as a trusted proxy reports it);
/// successes never count, so a whole office behind one address logs in.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class LoginLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Office = "203.0.113.7";
    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, more: settings => settings["Security:TrustedProxies:0"] = "127.0.0.1");
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<HttpResponseMessage> LoginAsync(string address, string username, string password = StaffDesk.AdminPassword)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/operators/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("X-Forwarded-For", "198.51.100.1, " + address);
        return host.Http.SendAsync(request);
    }

    private async Task HireAsync(string username) =>
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(HttpMethod.Post, "/api/operators",
            new { username, displayName = "Op " + username, password = StaffDesk.AdminPassword })).StatusCode);

    [Fact]
    public async Task Twelve_colleagues_log_in_from_the_office_address_within_a_minute()
    {
        var colleagues = Enumerable.Range(1, 12).Select(i => $"collega{i}").ToList();
        foreach (var username in colleagues)
        {
            await HireAsync(username);
        }

        foreach (var username in colleagues)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(Office, username)).StatusCode);
        }

        // And again, after a lunch break that logged everybody out.
        foreach (var username in colleagues)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(Office, username)).StatusCode);
        }
    }

    [Fact]
    public async Task Failures_from_one_address_are_limited_there_only()
    {
        await HireAsync("sara");
        for (var i = 0; i < 30; i++)
        {
            await ProblemAssert.IsProblemAsync(await LoginAsync(Office, $"guess{i}", "not the password"), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        var limited = await LoginAsync(Office, "sara");
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "too-many-logins");
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("203.0.113.8", "sara")).StatusCode);
    }

    [Fact]
    public async Task Failures_for_one_username_are_limited_and_a_success_clears_them()
    {
        await HireAsync("sara");
        for (var i = 0; i < 4; i++)
        {
            await ProblemAssert.IsProblemAsync(await LoginAsync(Office, "sara", "wrong " + i), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(Office, "sara")).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            await ProblemAssert.IsProblemAsync(await LoginAsync(Office, "SARA", "wrong again " + i), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        var limited = await LoginAsync(Office, "sara");
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "too-many-logins");
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(Office, "admin")).StatusCode);
    }
}
