using Lucine.Functions.Chat;
using Lucine.Functions.Operators;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>
/// The smaller findings of the black-box probe: answers that carry tokens are never cached, the headers
/// a browser needs (and none that names the server), per-address limits on what anyone may do without an
/// account, and operator passwords that are not among the first guessed.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class HardeningTests(AzuriteFixture azurite)
{
    private const string ProxiedAddress = "203.0.113.50";

    private static HttpRequestMessage From(string address, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    [Fact]
    public async Task Api_answers_are_never_cached_carry_the_browser_policies_and_do_not_name_the_server()
    {
        await using var host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        var login = await host.Http.PostAsJsonAsync("/api/operators/login", new { username = StaffDesk.AdminUsername, password = StaffDesk.AdminPassword });
        var chat = await new Visitor(host.Http).PostAsync(new { message = "Ciao" });
        var refused = await host.Http.PostAsJsonAsync("/api/operators/login", new { username = StaffDesk.AdminUsername, password = "not the password" });
        var health = await host.Http.GetAsync("/api/health");

        foreach (var response in new[] { login, chat, refused, health })
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage?.RequestUri}: {response.Headers.CacheControl}");
            Assert.Equal("no-cache", response.Headers.Pragma.Single().Name);
            Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
            Assert.Contains("microphone=()", response.Headers.GetValues("Permissions-Policy").Single());
            Assert.Contains("geolocation=()", response.Headers.GetValues("Permissions-Policy").Single());
            Assert.Contains("payment=()", response.Headers.GetValues("Permissions-Policy").Single());
            Assert.Contains("usb=()", response.Headers.GetValues("Permissions-Policy").Single());
            Assert.Empty(response.Headers.Server);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http standalone");
        }

        Assert.NotNull((await chat.Content.ReadAsync<ChatResponse>())!.SessionToken);
        var page = await host.Http.GetAsync("/dashboard/");
        Assert.Empty(page.Headers.Server);
        Assert.Contains("camera=()", page.Headers.GetValues("Permissions-Policy").Single());
    }

    /// <summary>Behind the Functions host the app hears loopback http, but the world reaches it over https only.</summary>
    [Fact]
    public async Task Behind_the_functions_host_every_answer_asks_for_https_from_now_on()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, settings => settings["FUNCTIONS_CUSTOMHANDLER_PORT"] = "0");

        foreach (var path in new[] { "/api/health", "/dashboard/", "/api/no-such-thing" })
        {
            var response = await host.Http.GetAsync(path);
            Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
        }
    }

    [Fact]
    public async Task One_address_opens_a_limited_number_of_sessions_a_minute_while_its_open_ones_and_other_addresses_go_on()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, settings =>
        {
            settings["Chat:SessionsPerAddressPerMinute"] = "3";
            settings["Security:TrustedProxies:0"] = "127.0.0.1";
        });
        var first = new Visitor(host.Http);
        await first.SayAsync("Ciao");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(From("127.0.0.1", HttpMethod.Post, "/api/chat", new { message = "Ciao " + i }))).StatusCode);
        }

        var refused = await host.Http.SendAsync(From("127.0.0.1", HttpMethod.Post, "/api/chat", new { message = "Ancora una" }));
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "too-many-sessions");
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);

        // A malformed request is refused as such: it is checked before it counts.
        await ProblemAssert.IsProblemAsync(await host.Http.SendAsync(From("127.0.0.1", HttpMethod.Post, "/api/chat", new { message = "" })), HttpStatusCode.BadRequest, "empty-message");
        await first.SayAsync("Quanto costa il biglietto?");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(From(ProxiedAddress, HttpMethod.Post, "/api/chat", new { message = "Ciao da un'altra rete" }))).StatusCode);
        var sessions = (await new TableProbe(host).SessionRowsAsync()).Where(r => r.RowKey == "_state").Count();
        Assert.Equal(4, sessions);
    }

    [Fact]
    public async Task The_public_ticket_api_answers_one_address_a_limited_number_of_times_a_minute()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, settings =>
        {
            settings["Tickets:PublicRequestsPerMinute"] = "3";
            settings["Security:TrustedProxies:0"] = "127.0.0.1";
        });
        for (var i = 0; i < 3; i++)
        {
            await ProblemAssert.IsProblemAsync(await host.Http.SendAsync(From(ProxiedAddress, HttpMethod.Get, $"/api/tickets/LUC-2026-00000{i + 1}?access=guess")), HttpStatusCode.Unauthorized, "invalid-ticket-access");
        }

        foreach (var request in new[]
        {
            From(ProxiedAddress, HttpMethod.Get, "/api/tickets/LUC-2026-000009?access=guess"),
            From(ProxiedAddress + ":4711", HttpMethod.Post, "/api/tickets/resume", new { token = "guess" }),
            From(ProxiedAddress, HttpMethod.Post, "/api/tickets", new { name = "Maria", contact = "maria@example.com", message = "Aiuto" }),
        })
        {
            var refused = await host.Http.SendAsync(request);
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "too-many-ticket-requests");
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        }

        await ProblemAssert.IsProblemAsync(await host.Http.SendAsync(From("198.51.100.9", HttpMethod.Get, "/api/tickets/LUC-2026-000009?access=guess")), HttpStatusCode.Unauthorized, "invalid-ticket-access");
    }

    [Fact]
    public async Task Operator_passwords_among_the_most_common_are_refused_on_create_reset_and_change()
    {
        await using var host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        var admin = await StaffDesk.LoginAsync(host.Http);

        foreach (var common in new[] { "password1234", "Juventus2026!", "QWERTYUIOP123", "lucinedinatale" })
        {
            await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, "/api/operators", new { username = "sara", displayName = "Sara", password = common }),
                HttpStatusCode.BadRequest, "weak-password");
        }

        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(HttpMethod.Post, "/api/operators", new { username = "sara", displayName = "Sara", password = "lanterne sul lago di sera" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, "/api/operators/sara/password", new { password = "iloveyou12345" }), HttpStatusCode.BadRequest, "weak-password");
        var sara = await StaffDesk.LoginAsync(host.Http, "sara", "lanterne sul lago di sera");
        await ProblemAssert.IsProblemAsync(await sara.SendAsync(HttpMethod.Put, "/api/operators/me/password", new { currentPassword = "lanterne sul lago di sera", newPassword = "Benvenuto2025" }),
            HttpStatusCode.BadRequest, "weak-password");
        await StaffDesk.LoginAsync(host.Http, "sara", "lanterne sul lago di sera");
    }
}
