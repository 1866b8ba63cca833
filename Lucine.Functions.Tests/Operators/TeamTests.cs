using Lucine.Functions.Audit;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Operators;

/// <summary>The team as admins run it, and each operator's own account; every change audited.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class TeamTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Temporary = "temporary password 2026";
    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<OperatorProfile> ProfileAsync(string username) =>
        (await StaffDesk.ReadAsync<ItemsResponse<OperatorProfile>>(await admin.SendAsync(HttpMethod.Get, "/api/operators"))).Items.Single(o => o.Username == username);

    /// <summary>The account changes that went through, newest first (the log also keeps logins, availability and refusals).</summary>
    private async Task<IReadOnlyList<AuditEntry>> AuditAsync() =>
        (await StaffDesk.ReadAsync<ItemsResponse<AuditEntry>>(await admin.SendAsync(HttpMethod.Get, "/api/audit"))).Items
            .Where(e => e.Status is >= 200 and < 300 && e.Action is not (AuditActions.Login or AuditActions.Availability)).ToList();

    [Fact]
    public async Task An_admin_edits_an_operator_and_the_audit_says_who_did_what()
    {
        var sara = await admin.HireAsync("sara");

        var edited = await StaffDesk.ReadAsync<OperatorProfile>(await admin.SendAsync(HttpMethod.Patch, "/api/operators/sara",
            new { displayName = "Sara Bianchi", role = "supervisor", capacity = 8, avatar = "https://example.org/sara.png" }));

        Assert.Equal(("Sara Bianchi", OperatorRole.Supervisor, 8, "https://example.org/sara.png"), (edited.DisplayName, edited.Role, edited.Capacity, edited.Avatar));
        Assert.Equal(edited.DisplayName, (await sara.MeAsync()).DisplayName);
        Assert.Equal(HttpStatusCode.OK, (await sara.SendAsync(HttpMethod.Get, "/api/operators")).StatusCode);
        var cleared = await StaffDesk.ReadAsync<OperatorProfile>(await admin.SendAsync(HttpMethod.Patch, "/api/operators/sara", new { avatar = "" }));
        Assert.Null(cleared.Avatar);

        var audit = await AuditAsync();
        Assert.Equal([AuditActions.OperatorUpdated, AuditActions.OperatorUpdated, AuditActions.OperatorCreated], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(("admin", "sara"), (e.Actor, e.Target)));
        Assert.Equal("supervisor", audit[1].Details["role"]);
        var raw = await (await admin.SendAsync(HttpMethod.Get, "/api/audit")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(StaffDesk.AdminPassword, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sara", """{"displayName":"  "}""", "invalid-display-name")]
    [InlineData("sara", """{"capacity":0}""", "invalid-capacity")]
    [InlineData("sara", """{"avatar":"http://example.org/a.png"}""", "invalid-avatar")]
    [InlineData("sara", """{"role":"boss"}""", "invalid-json")]
    [InlineData("Bad%20User!", """{"capacity":3}""", "invalid-username")]
    [InlineData("..%2Fadmin", """{"capacity":3}""", "invalid-username")]
    public async Task An_invalid_edit_is_refused_and_changes_nothing(string username, string body, string problem)
    {
        await admin.HireAsync("sara");
        var before = await ProfileAsync("sara");

        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/operators/{username}") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", admin.Token);
        await ProblemAssert.IsProblemAsync(await host.Http.SendAsync(request), HttpStatusCode.BadRequest, problem);

        Assert.Equal(before, await ProfileAsync("sara"));
        Assert.DoesNotContain(await AuditAsync(), e => e.Action == AuditActions.OperatorUpdated);
    }

    [Fact]
    public async Task An_unknown_operator_is_not_found()
    {
        foreach (var (method, path) in new[] { (HttpMethod.Patch, "/api/operators/ghost"), (HttpMethod.Post, "/api/operators/ghost/deactivate"), (HttpMethod.Post, "/api/operators/ghost/sign-out") })
        {
            await ProblemAssert.IsProblemAsync(await admin.SendAsync(method, path, new { capacity = 2 }), HttpStatusCode.NotFound, "operator-not-found");
        }
    }

    [Fact]
    public async Task Only_admins_manage_the_team_and_supervisors_see_it()
    {
        var sara = await admin.HireAsync("sara");
        var lead = await admin.HireAsync("lead", role: "supervisor");

        await ProblemAssert.IsProblemAsync(await sara.SendAsync(HttpMethod.Get, "/api/operators"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await lead.SendAsync(HttpMethod.Get, "/api/operators")).StatusCode);
        foreach (var desk in new[] { sara, lead })
        {
            await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Patch, "/api/operators/sara", new { capacity = 50 }), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Post, "/api/operators/admin/deactivate"), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Get, "/api/audit"), HttpStatusCode.Forbidden, "forbidden");
        }

        await ProblemAssert.IsProblemAsync(await host.Http.PostAsync("/api/operators/sara/sign-out", null), HttpStatusCode.Unauthorized, "operator-token-required");
        Assert.Equal(5, (await ProfileAsync("sara")).Capacity);
    }

    [Fact]
    public async Task The_team_always_keeps_an_active_admin()
    {
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, "/api/operators/admin/deactivate"), HttpStatusCode.Conflict, "last-admin");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Patch, "/api/operators/admin", new { role = "operator" }), HttpStatusCode.Conflict, "last-admin");
        Assert.True((await admin.MeAsync()).Active);

        await admin.HireAsync("second", role: "admin");
        var demoted = await StaffDesk.ReadAsync<OperatorProfile>(await admin.SendAsync(HttpMethod.Patch, "/api/operators/admin", new { role = "supervisor" }));
        Assert.Equal(OperatorRole.Supervisor, demoted.Role);
    }

    [Fact]
    public async Task A_deactivated_operator_cannot_log_in_until_reactivated()
    {
        var sara = await admin.HireAsync("sara");

        var deactivated = await StaffDesk.ReadAsync<OperatorProfile>(await admin.SendAsync(HttpMethod.Post, "/api/operators/sara/deactivate"));

        Assert.Equal((false, OperatorAvailability.Offline), (deactivated.Active, deactivated.Availability));
        await ProblemAssert.IsProblemAsync(await sara.SendAsync(HttpMethod.Get, "/api/operators/me"), HttpStatusCode.Unauthorized, "invalid-operator-token");
        var refused = await host.Http.PostAsJsonAsync("/api/operators/login", new { username = "sara", password = StaffDesk.AdminPassword });
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "invalid-credentials");

        Assert.True((await StaffDesk.ReadAsync<OperatorProfile>(await admin.SendAsync(HttpMethod.Post, "/api/operators/sara/reactivate"))).Active);
        var back = await StaffDesk.LoginAsync(host.Http, "sara");
        Assert.True((await back.MeAsync()).Active);
        Assert.Equal([AuditActions.OperatorReactivated, AuditActions.OperatorDeactivated], (await AuditAsync()).Take(2).Select(e => e.Action));
    }

    [Fact]
    public async Task A_reset_password_must_be_replaced_before_anything_else()
    {
        var sara = await admin.HireAsync("sara");

        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, "/api/operators/sara/password", new { password = "short" }), HttpStatusCode.BadRequest, "weak-password");
        Assert.True((await StaffDesk.ReadAsync<OperatorProfile>(await admin.SendAsync(HttpMethod.Post, "/api/operators/sara/password", new { password = Temporary }))).MustChangePassword);

        await ProblemAssert.IsProblemAsync(await sara.SendAsync(HttpMethod.Get, "/api/operators/me"), HttpStatusCode.Unauthorized, "invalid-operator-token");
        var login = await host.Http.PostAsJsonAsync("/api/operators/login", new { username = "sara", password = Temporary });
        var temporary = (await StaffDesk.ReadAsync<LoginResponse>(login));
        Assert.True(temporary.Operator.MustChangePassword);
        var desk = new StaffDesk(host.Http, "sara", temporary.Token);
        await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Get, "/api/operator/chats"), HttpStatusCode.Forbidden, "password-change-required");
        await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Put, "/api/operators/me/availability", new { availability = "online" }), HttpStatusCode.Forbidden, "password-change-required");
        Assert.True((await desk.MeAsync()).MustChangePassword);

        await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Put, "/api/operators/me/password", new { currentPassword = "wrong", newPassword = "a brand new passphrase" }), HttpStatusCode.BadRequest, "wrong-current-password");
        await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Put, "/api/operators/me/password", new { currentPassword = Temporary, newPassword = "short" }), HttpStatusCode.BadRequest, "weak-password");
        await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Put, "/api/operators/me/password", new { currentPassword = Temporary, newPassword = Temporary }), HttpStatusCode.BadRequest, "same-password");
        var changed = await StaffDesk.ReadAsync<LoginResponse>(await desk.SendAsync(HttpMethod.Put, "/api/operators/me/password", new { currentPassword = Temporary, newPassword = "a brand new passphrase" }));

        Assert.False(changed.Operator.MustChangePassword);
        Assert.Equal(HttpStatusCode.OK, (await new StaffDesk(host.Http, "sara", changed.Token).SendAsync(HttpMethod.Get, "/api/operator/chats")).StatusCode);
        await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Get, "/api/operators/me"), HttpStatusCode.Unauthorized, "invalid-operator-token");
        await ProblemAssert.IsProblemAsync(await host.Http.PostAsJsonAsync("/api/operators/login", new { username = "sara", password = Temporary }), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.False((await StaffDesk.LoginAsync(host.Http, "sara", "a brand new passphrase").ContinueWith(t => t.Result.MeAsync()).Unwrap()).MustChangePassword);
        Assert.Equal([AuditActions.PasswordChanged, AuditActions.PasswordReset], (await AuditAsync()).Take(2).Select(e => e.Action));
    }

    [Fact]
    public async Task An_admin_logs_an_operator_out_everywhere()
    {
        var sara = await admin.HireAsync("sara");
        var otherDevice = await StaffDesk.LoginAsync(host.Http, "sara");

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, "/api/operators/sara/sign-out")).StatusCode);

        foreach (var desk in new[] { sara, otherDevice })
        {
            await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Get, "/api/operators/me"), HttpStatusCode.Unauthorized, "invalid-operator-token");
        }

        Assert.Equal("sara", (await (await StaffDesk.LoginAsync(host.Http, "sara")).MeAsync()).Username);
    }

    [Fact]
    public async Task Operators_change_their_own_name_and_preferences_which_are_remembered()
    {
        var sara = await admin.HireAsync("sara");

        var changed = await StaffDesk.ReadAsync<OperatorProfile>(await sara.SendAsync(HttpMethod.Patch, "/api/operators/me",
            new { displayName = "Sara B.", preferences = new { language = "en", sound = false, notifyQueue = false } }));

        Assert.Equal(("Sara B.", "en", false, false, true), (changed.DisplayName, changed.Preferences.Language, changed.Preferences.Sound, changed.Preferences.NotifyQueue, changed.Preferences.NotifyAssigned));
        var elsewhere = await StaffDesk.LoginAsync(host.Http, "sara");
        Assert.Equal(changed.Preferences, (await elsewhere.MeAsync()).Preferences);

        await ProblemAssert.IsProblemAsync(await sara.SendAsync(HttpMethod.Patch, "/api/operators/me", new { preferences = new { language = "fr", sound = true } }), HttpStatusCode.BadRequest, "invalid-language");
        await ProblemAssert.IsProblemAsync(await sara.SendAsync(HttpMethod.Patch, "/api/operators/me", new { displayName = new string('x', 81) }), HttpStatusCode.BadRequest, "invalid-display-name");
        var unchanged = await sara.MeAsync();
        Assert.Equal(("Sara B.", false), (unchanged.DisplayName, unchanged.Preferences.Sound));

        var browser = await StaffDesk.ReadAsync<OperatorProfile>(await sara.SendAsync(HttpMethod.Patch, "/api/operators/me", new { preferences = new { language = "" } }));
        Assert.Null(browser.Preferences.Language);
        Assert.Equal(("sara", AuditActions.ProfileChanged), (await AuditAsync()).Select(e => (e.Actor, e.Action)).First());
    }
}
