using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Operators;

/// <summary>
/// Failed logins are limited per (username, address) pair and per client address (as a trusted proxy
/// reports it); per username across addresses they only delay the next attempt, by seconds, so that
/// nobody elsewhere can lock an operator out. Successes never count, so a whole office behind one
/// address logs in.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class LoginLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Office = "203.0.113.7";
    /// <summary>At the start of a login window, so that the waits the tests jump over stay inside it.</summary>
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, more: settings => settings["Security:TrustedProxies:0"] = "127.0.0.1");
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
    public async Task Failures_for_one_username_from_one_address_are_limited_and_a_success_clears_them()
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

    [Fact]
    public async Task Failures_for_a_username_from_elsewhere_delay_the_real_operator_by_seconds_never_lock_them_out()
    {
        await HireAsync("sara");
        for (var i = 0; i < 5; i++)
        {
            await ProblemAssert.IsProblemAsync(await LoginAsync("198.51.100.66", "sara", "guess " + i), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        // The attacker's own address is stopped for the window; the real operator, elsewhere, waits a second.
        await ProblemAssert.IsProblemAsync(await LoginAsync("198.51.100.66", "sara"), HttpStatusCode.TooManyRequests, "too-many-logins");
        var delayed = await LoginAsync(Office, "sara");
        await ProblemAssert.IsProblemAsync(delayed, HttpStatusCode.TooManyRequests, "login-delayed");
        Assert.Equal(TimeSpan.FromSeconds(1), delayed.Headers.RetryAfter?.Delta);

        // Guessing on from ever new addresses: each further failure doubles the wait, up to 30 seconds.
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var refused = await LoginAsync($"198.51.100.{100 + i}", "sara", "guess again " + i);
            if (refused.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "login-delayed");
                waits.Add(refused.Headers.RetryAfter!.Delta!.Value);
                clock.Advance(refused.Headers.RetryAfter.Delta.Value);
                refused = await LoginAsync($"198.51.100.{100 + i}", "sara", "guess again " + i);
            }

            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits.Select(w => (int)w.TotalSeconds));
        var wait = (await LoginAsync(Office, "sara")).Headers.RetryAfter!.Delta!.Value;
        Assert.True(wait <= TimeSpan.FromSeconds(30), $"waited {wait}");
        clock.Advance(wait);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(Office, "sara")).StatusCode);

        // The success cleared the username's failures: no delay any more.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(Office, "sara")).StatusCode);
    }

    [Fact]
    public async Task A_proxy_hop_with_a_port_counts_as_its_address()
    {
        for (var i = 0; i < 5; i++)
        {
            await ProblemAssert.IsProblemAsync(await LoginAsync(i % 2 == 0 ? "203.0.113.9:51234" : "203.0.113.9:443", "admin", "wrong " + i), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        // The same address with another port or none is the same pair: its limit is reached.
        await ProblemAssert.IsProblemAsync(await LoginAsync("203.0.113.9", "admin"), HttpStatusCode.TooManyRequests, "too-many-logins");
        for (var i = 0; i < 5; i++)
        {
            // Past the username's delay, which the failures above started.
            clock.Advance(TimeSpan.FromSeconds(31));
            await ProblemAssert.IsProblemAsync(await LoginAsync("[2001:db8::7]:443", "admin", "wrong " + i), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        await ProblemAssert.IsProblemAsync(await LoginAsync("2001:db8::7", "admin"), HttpStatusCode.TooManyRequests, "too-many-logins");
    }
}
