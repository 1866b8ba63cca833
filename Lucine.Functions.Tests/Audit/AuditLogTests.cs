using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Lucine.Functions.Audit;
using Lucine.Functions.Hosting;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;
using Microsoft.AspNetCore.Routing;

namespace Lucine.Functions.Tests.Audit;

/// <summary>
/// The audit log: one entry per staff action with who, what, on which object, from where and how it
/// ended; read and exported (CSV) by admins only, filtered and paged; append-only; pruned by retention.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class AuditLogTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new(Monday);
    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, settings => settings["Audit:PruneBatch"] = "100");
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<AuditPage> ReadAsync(string query = "") =>
        await StaffDesk.ReadAsync<AuditPage>(await admin.SendAsync(HttpMethod.Get, "/api/audit" + query));

    private Task<HttpResponseMessage> LoginAsync(string username, string password) =>
        host.Http.PostAsJsonAsync("/api/operators/login", new { username, password });

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("type").GetString();
    }

    [Fact]
    public async Task Every_staff_action_is_recorded_with_actor_action_object_address_and_outcome()
    {
        var giulia = await admin.HireAsync("giulia");
        await admin.HireAsync("bruno", availability: "offline");
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        await visitor.PressAsync("request_operator");
        var chat = visitor.SessionId!;
        var reply = await StaffDesk.ReadAsync<Lucine.Functions.Replies.ReplyResponse>(await admin.SendAsync(HttpMethod.Post, "/api/operator/replies",
            new { title = "Saluto", shortcut = "saluto", text = new { it = "Ciao", en = "Hi" } }));
        var opened = await giulia.SendAsync(HttpMethod.Post, "/api/operator/tickets", new { name = "Anna Verdi", contact = "anna@example.com", subject = "Biglietto perso" });
        var ticket = (await StaffDesk.ReadAsync<Lucine.Functions.Tickets.TicketCreatedResponse>(opened)).Number;

        // Each step: the call, who makes it, the action and object the entry must carry.
        var steps = new (string Actor, Func<Task<HttpResponseMessage>> Call, string Action, string Target)[]
        {
            ("ghost", () => LoginAsync("ghost", "not the password"), AuditActions.Login, string.Empty),
            ("giulia", () => giulia.SendAsync(HttpMethod.Put, "/api/operators/me/availability", new { availability = "online" }), AuditActions.Availability, "giulia"),
            ("giulia", () => giulia.SendAsync(HttpMethod.Patch, "/api/operators/me", new { displayName = "Giulia R." }), AuditActions.ProfileChanged, "giulia"),
            ("giulia", () => giulia.WriteAsync(chat, "Il testo del messaggio resta fuori dal registro"), AuditActions.ChatMessage, chat),
            ("giulia", () => giulia.AddNoteAsync(chat, "Cliente abituale"), AuditActions.ChatNote, chat),
            ("giulia", () => giulia.ActAsync(chat, "close-request"), AuditActions.ChatCloseRequested, chat),
            ("giulia", () => giulia.ActAsync(chat, "transfer", new { to = "bruno" }), AuditActions.ChatTransferred, chat),
            ("giulia", () => giulia.ActAsync(chat, "release"), AuditActions.ChatReleased, chat),
            ("giulia", () => giulia.TakeAsync(chat), AuditActions.ChatTaken, chat),
            ("giulia", () => giulia.ActAsync(chat, "close", new { outcome = "resolved" }), AuditActions.ChatClosed, chat),
            ("admin", () => admin.SendAsync(HttpMethod.Put, $"/api/operator/replies/{reply.Id}", new { title = "Saluto", shortcut = "ciao", text = new { it = "Ciao", en = "Hi" } }), AuditActions.ReplyUpdated, reply.Id),
            ("admin", () => admin.SendAsync(HttpMethod.Delete, $"/api/operator/replies/{reply.Id}"), AuditActions.ReplyDeleted, reply.Id),
            ("giulia", () => giulia.SendAsync(HttpMethod.Patch, $"/api/operator/tickets/{ticket}", new { priority = "high" }), AuditActions.TicketEdited, ticket),
            ("giulia", () => giulia.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{ticket}/assign", new { assignee = "giulia" }), AuditActions.TicketAssigned, ticket),
            ("giulia", () => giulia.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{ticket}/notes", new { text = "Richiamare" }), AuditActions.TicketNote, ticket),
            ("giulia", () => giulia.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{ticket}/reply", new { text = "Le abbiamo scritto" }), AuditActions.TicketReply, ticket),
            ("giulia", () => giulia.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{ticket}/status", new { status = "resolved" }), AuditActions.TicketStatus, ticket),
            ("giulia", () => giulia.SendAsync(HttpMethod.Post, "/api/operators", new { username = "intruso" }), AuditActions.OperatorCreated, string.Empty),
            ("admin", () => admin.SendAsync(HttpMethod.Patch, "/api/operators/bruno", new { capacity = 3 }), AuditActions.OperatorUpdated, "bruno"),
            ("admin", () => admin.SendAsync(HttpMethod.Post, "/api/operators/bruno/deactivate"), AuditActions.OperatorDeactivated, "bruno"),
            ("admin", () => admin.SendAsync(HttpMethod.Post, "/api/operators/bruno/reactivate"), AuditActions.OperatorReactivated, "bruno"),
            ("admin", () => admin.SendAsync(HttpMethod.Post, "/api/operators/bruno/sign-out"), AuditActions.SignedOutEverywhere, "bruno"),
            ("admin", () => admin.SendAsync(HttpMethod.Post, "/api/operators/bruno/password", new { password = "another long password 2026" }), AuditActions.PasswordReset, "bruno"),
            ("admin", () => admin.SendAsync(HttpMethod.Put, "/api/admin/knowledge-base", new { }), AuditActions.KnowledgeSaved, string.Empty),
            ("admin", () => admin.SendAsync(HttpMethod.Post, "/api/admin/knowledge-base/versions/999/restore"), AuditActions.KnowledgeRestored, "999"),
            ("admin", () => admin.SendAsync(HttpMethod.Get, "/api/audit.csv"), AuditActions.AuditExported, string.Empty),
            ("giulia", () => giulia.SendAsync(HttpMethod.Post, "/api/operators/logout"), AuditActions.Logout, "giulia"),
        };

        foreach (var (actor, call, action, target) in steps)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            using var response = await call();
            var entry = (await ReadAsync($"?action={action}")).Items.First();
            Assert.Equal((actor, action, target, "127.0.0.1", (int)response.StatusCode, await ProblemTypeAsync(response), clock.GetUtcNow()),
                (entry.Actor, entry.Action, entry.Target, entry.Address, entry.Status, entry.Problem, entry.At));
        }

        var all = await (await admin.SendAsync(HttpMethod.Get, "/api/audit.csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("resta fuori", all, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password", all, StringComparison.Ordinal);
        Assert.DoesNotContain(StaffDesk.AdminPassword, all, StringComparison.Ordinal);
        var refused = (await ReadAsync($"?action={AuditActions.OperatorCreated}&actor=giulia")).Items.Single();
        Assert.Equal((403, Problems.TypePrefix + "forbidden"), (refused.Status, refused.Problem));
        Assert.Equal((201, "giulia"), ((await ReadAsync($"?action={AuditActions.TicketCreated}&object={ticket}")).Items.Single() is var created ? (created.Status, created.Actor) : default));
        Assert.Equal((201, "admin"), ((await ReadAsync($"?action={AuditActions.ReplyCreated}&object={reply.Id}")).Items.Single() is var written ? (written.Status, written.Actor) : default));
        Assert.Equal("operator", (await ReadAsync($"?action={AuditActions.OperatorCreated}&object=bruno")).Items.Single().Details["role"]);
    }

    [Fact]
    public async Task Logins_are_recorded_with_the_attempted_username_and_never_the_password()
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        using var failed = await LoginAsync("admin", "wrong password entirely");
        clock.Advance(TimeSpan.FromSeconds(1));
        await StaffDesk.LoginAsync(host.Http);

        var logins = (await ReadAsync($"?action={AuditActions.Login}&actor=admin")).Items;
        Assert.Equal([200, 401, 200], logins.Select(e => e.Status));
        Assert.Equal(Problems.TypePrefix + "invalid-credentials", logins[1].Problem);
        var raw = await (await admin.SendAsync(HttpMethod.Get, "/api/audit")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("wrong password entirely", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(StaffDesk.AdminPassword, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_filter_by_actor_action_object_and_days_and_page_with_a_cursor()
    {
        await admin.HireAsync("sara", availability: "offline");
        clock.Advance(TimeSpan.FromDays(2));
        admin = await StaffDesk.LoginAsync(host.Http);
        await admin.SendAsync(HttpMethod.Patch, "/api/operators/sara", new { capacity = 4 });
        clock.Advance(TimeSpan.FromSeconds(1));
        await admin.SendAsync(HttpMethod.Patch, "/api/operators/admin", new { capacity = 6 });

        Assert.Equal(["admin", "sara"], (await ReadAsync($"?action={AuditActions.OperatorUpdated}")).Items.Select(e => e.Target));
        Assert.Equal([AuditActions.OperatorUpdated, AuditActions.OperatorCreated], (await ReadAsync("?object=sara&actor=admin")).Items.Select(e => e.Action));
        Assert.Equal([AuditActions.OperatorUpdated], (await ReadAsync("?object=sara&from=2026-12-09&to=2026-12-09")).Items.Select(e => e.Action));
        Assert.Equal([AuditActions.OperatorCreated], (await ReadAsync("?object=sara&actor=admin&from=2026-12-01&to=2026-12-07")).Items.Select(e => e.Action));
        Assert.Equal(["sara"], (await ReadAsync("?actor=sara")).Items.Select(e => e.Actor).Distinct());
        Assert.Empty((await ReadAsync("?actor=nobody")).Items);

        // 100 a page: more entries than that are read across pages, each exactly once.
        for (var i = 0; i < 105; i++)
        {
            using var _ = await LoginAsync("guess" + i, "wrong");
        }

        var first = await ReadAsync($"?action={AuditActions.Login}&from=2026-12-01");
        var second = await ReadAsync($"?action={AuditActions.Login}&from=2026-12-01&cursor=" + Uri.EscapeDataString(first.Next!));
        Assert.Equal(100, first.Items.Count);
        Assert.Null(second.Next);
        Assert.Equal(105 + 3, first.Items.Concat(second.Items).Select(e => e.Actor + e.At.Ticks).Distinct().Count());
    }

    [Theory]
    [InlineData("?from=2026-13-01", "invalid-date")]
    [InlineData("?to=yesterday", "invalid-date")]
    [InlineData("?from=2026-12-07&to=2026-12-01", "invalid-range")]
    [InlineData("?from=2024-01-01&to=2026-12-07", "invalid-range")]
    [InlineData("?actor=%01admin", "invalid-filter")]
    [InlineData("?cursor=nonsense", "invalid-cursor")]
    [InlineData("?from=2026-12-01&to=2026-12-02&cursor=20261207.0000000000000000000-00000000000000000000000000000000", "invalid-cursor")]
    public async Task Invalid_parameters_are_400_problems(string query, string problem)
    {
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, "/api/audit" + query), HttpStatusCode.BadRequest, problem);
        if (problem != "invalid-cursor")
        {
            await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, "/api/audit.csv" + query), HttpStatusCode.BadRequest, problem);
        }
    }

    [Fact]
    public async Task The_csv_export_quotes_cells_and_defuses_formulas()
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        using var _ = await LoginAsync("=HYPERLINK(\"evil\",\"a,b\")", "wrong");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var __ = await LoginAsync("@SUM(1+1)", "wrong");

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/audit.csv?action=operator.login");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var lines = csv.Split("\r\n");
        Assert.Equal(
            [
                AuditCsv.Header.TrimEnd(),
                "2026-12-07T09:00:02.000Z,'@SUM(1+1),operator.login,,127.0.0.1,400,urn:lucine:problem:invalid-username,",
                "2026-12-07T09:00:01.000Z,\"'=HYPERLINK(\"\"evil\"\",\"\"a,b\"\")\",operator.login,,127.0.0.1,400,urn:lucine:problem:invalid-username,",
                "2026-12-07T09:00:00.000Z,admin,operator.login,,127.0.0.1,200,,",
                string.Empty,
            ],
            lines);
        Assert.Equal(["'-1", "'+1", "plain", "\"a\"\"b\"", "\"two\nlines\"", "'\tTAB"], new[] { "-1", "+1", "plain", "a\"b", "two\nlines", "\tTAB" }.Select(AuditCsv.Cell));
    }

    [Fact]
    public async Task Only_admins_read_or_export_the_log()
    {
        var operatorDesk = await admin.HireAsync("elfo", availability: "offline");
        var supervisor = await admin.HireAsync("renna", availability: "offline", role: "supervisor");

        foreach (var desk in new[] { operatorDesk, supervisor })
        {
            foreach (var path in new[] { "/api/audit", "/api/audit.csv" })
            {
                await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Get, path), HttpStatusCode.Forbidden, "forbidden");
            }
        }

        await ProblemAssert.IsProblemAsync(await host.Http.GetAsync("/api/audit"), HttpStatusCode.Unauthorized, "operator-token-required");
    }

    [Fact]
    public async Task The_log_is_append_only_through_the_api()
    {
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/audit", StringComparison.Ordinal) == true).ToList();

        Assert.Equal(2, routes.Count);
        Assert.All(routes, e => Assert.Equal(["GET"], e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods));
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Post })
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.SendAsync(method, "/api/audit")).StatusCode);
        }
    }

    [Fact]
    public async Task Retention_deletes_whole_days_older_than_two_years_a_bounded_batch_per_run()
    {
        for (var i = 0; i < 120; i++)
        {
            using var _ = await LoginAsync("old" + i, "wrong");
        }

        clock.Advance(TimeSpan.FromDays(729));
        using var recent = await LoginAsync("recent", "wrong");
        Assert.Equal("0 audit entries pruned", await PruneAsync());

        clock.Advance(TimeSpan.FromDays(2));
        admin = await StaffDesk.LoginAsync(host.Http);
        Assert.Equal("100 audit entries pruned", await PruneAsync());
        Assert.Equal("21 audit entries pruned", await PruneAsync());
        Assert.Equal("0 audit entries pruned", await PruneAsync());

        var kept = (await ReadAsync()).Items;
        Assert.Equal(["admin", "recent"], kept.Select(e => e.Actor));
    }

    private async Task<string> PruneAsync()
    {
        using var response = await host.Http.PostAsync("/" + AuditPruner.Timer, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return result.RootElement.GetProperty("logs")[0].GetString()!;
    }

    [Fact]
    public async Task A_lost_audit_write_does_not_fail_the_action()
    {
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        await new TableServiceClient(azurite.ConnectionString).DeleteTableAsync(host.TablePrefix + "Audit");

        var created = await admin.SendAsync(HttpMethod.Post, "/api/operators", new { username = "neve", displayName = "Neve", password = StaffDesk.AdminPassword, role = "operator", capacity = 2 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsJsonAsync("/api/operators/login", new { username = "neve", password = StaffDesk.AdminPassword })).StatusCode);
        await meters.WhenTotalAsync(AuditRecorder.LostInstrument, 2);
    }
}
