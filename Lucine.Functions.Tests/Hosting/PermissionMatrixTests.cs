using System.Text.RegularExpressions;
using Lucine.Functions.History;
using Lucine.Functions.Hosting;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>
/// The permission matrix (<see cref="Permissions"/>): it covers every staff endpoint, agrees with the
/// endpoints' own policies and with the README; each role gets what its row says, reads included;
/// and the ownership rules of chats, the conversation history and tickets hold per role.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed partial class PermissionMatrixTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] StaffPolicies = [LucineIdentity.AccountPolicy, LucineIdentity.OperatorPolicy, LucineIdentity.SupervisorPolicy, LucineIdentity.AdminPolicy];

    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    /// <summary>Staff endpoints: under the staff paths, or behind an operator's policy wherever they are.</summary>
    private IReadOnlyList<RouteEndpoint> StaffEndpoints() =>
        Endpoints().Where(e => Permissions.IsStaff(e) || e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => StaffPolicies.Contains(a.Policy))).ToList();

    private static string Method(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();

    [Fact]
    public void Every_staff_endpoint_is_in_the_matrix_with_the_policy_it_is_mapped_with()
    {
        var staff = StaffEndpoints();
        Assert.All(staff, endpoint =>
        {
            var name = Permissions.NameOf(endpoint);
            Assert.True(name is not null && Permissions.Matrix.ContainsKey(name), $"{Method(endpoint)} {endpoint.RoutePattern.RawText} is not in the permission matrix (Hosting/Permissions.cs).");
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var expected = Permissions.Policy(Permissions.Matrix[name!].Role);
            Assert.True(expected is null ? policies.Count == 0 : policies.LastOrDefault() == expected, $"{name}: mapped with [{string.Join(", ", policies)}], the matrix says {expected ?? "no token"}.");
        });

        // No row for an endpoint that does not exist any more.
        Assert.Empty(Permissions.Matrix.Keys.Except(staff.Select(e => Permissions.NameOf(e)!)));
    }

    [Fact]
    public void Every_state_changing_staff_endpoint_is_audited()
    {
        var unaudited = StaffEndpoints()
            .Where(e => Method(e) != "GET" && Lucine.Functions.Audit.AuditRecorder.ActionOf(e, Method(e)) is null)
            .Select(Permissions.NameOf);

        // Typing changes nothing and is said many times a minute.
        Assert.Equal(["OperatorTyping"], unaudited);
    }

    [Fact]
    public void The_readme_matrix_lists_every_staff_endpoint()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var section = readme[readme.IndexOf("## Permission matrix", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        Assert.All(StaffEndpoints(), endpoint =>
        {
            var route = $"`{Method(endpoint)} {endpoint.RoutePattern.RawText!.TrimEnd('/')}`";
            var row = section.Split('\n').FirstOrDefault(line => line.Contains(route, StringComparison.Ordinal));
            Assert.True(row is not null, $"{route} is missing from the README's permission matrix.");
            var role = Permissions.Matrix[Permissions.NameOf(endpoint)!].Role;
            var cells = row!.Split('|').Select(c => c.Trim()).ToList();

            // | endpoint | operator | supervisor | admin | … : a role below the row's is "—".
            Assert.Equal(
                [role <= StaffRole.Operator, role <= StaffRole.Supervisor, true],
                cells.Skip(2).Take(3).Select(c => c != "—"));
        });
    }

    [Fact]
    public async Task Each_role_is_refused_what_its_row_does_not_give_it_and_served_the_reads_it_does()
    {
        var desks = new Dictionary<StaffRole, StaffDesk>
        {
            [StaffRole.Operator] = await admin.HireAsync("elfo", availability: "offline"),
            [StaffRole.Supervisor] = await admin.HireAsync("renna", availability: "offline", role: "supervisor"),
            [StaffRole.Admin] = admin,
        };

        foreach (var endpoint in StaffEndpoints())
        {
            var required = Permissions.Matrix[Permissions.NameOf(endpoint)!].Role;
            var path = RouteValue().Replace(endpoint.RoutePattern.RawText!, "x");
            var method = new HttpMethod(Method(endpoint));
            if (required > StaffRole.Anyone)
            {
                var anonymous = await host.Http.SendAsync(new HttpRequestMessage(method, path));
                Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} without a token: {(int)anonymous.StatusCode}");
            }

            // Refusals change nothing, and reads without identifiers can be tried by everyone allowed.
            foreach (var (role, desk) in desks)
            {
                if (role < required)
                {
                    await ProblemAssert.IsProblemAsync(await desk.SendAsync(method, path), HttpStatusCode.Forbidden, "forbidden");
                }
                else if (method == HttpMethod.Get && !path.Contains("/x", StringComparison.Ordinal))
                {
                    var response = await desk.SendAsync(method, path);
                    Assert.True(response.IsSuccessStatusCode, $"{role} {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
    }

    [Fact]
    public async Task An_operator_reads_a_queued_chat_their_own_and_one_they_ended_and_notes_only_their_own()
    {
        var giulia = await admin.HireAsync("giulia", capacity: 1);
        var marco = await admin.HireAsync("marco", availability: "offline");
        var sara = await admin.HireAsync("sara", availability: "offline", role: "supervisor");
        var theirs = await EscalatedAsync();
        var queued = await EscalatedAsync();

        Assert.Equal(HttpStatusCode.OK, (await giulia.SendAsync(HttpMethod.Get, $"/api/operator/chats/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marco.SendAsync(HttpMethod.Get, $"/api/operator/chats/{queued}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await marco.SendAsync(HttpMethod.Get, $"/api/operator/chats/{theirs}"), HttpStatusCode.Forbidden, "not-your-chat");
        Assert.Equal(HttpStatusCode.OK, (await sara.SendAsync(HttpMethod.Get, $"/api/operator/chats/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Get, $"/api/operator/chats/{theirs}")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await giulia.AddNoteAsync(theirs, "Cliente abituale")).StatusCode);
        await ProblemAssert.IsProblemAsync(await marco.AddNoteAsync(theirs, "Non è mia"), HttpStatusCode.Forbidden, "not-your-chat");
        await ProblemAssert.IsProblemAsync(await marco.AddNoteAsync(queued, "In coda"), HttpStatusCode.Forbidden, "not-your-chat");
        Assert.Equal(HttpStatusCode.Created, (await sara.AddNoteAsync(theirs, "Visto")).StatusCode);
        Assert.Equal(["Cliente abituale", "Visto"], (await giulia.HistoryAsync(theirs)).Notes.Select(n => n.Text));
        await ProblemAssert.IsProblemAsync(await marco.SendAsync(HttpMethod.Post, $"/api/operator/chats/{theirs}/typing", new { isTyping = true }), HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(HttpStatusCode.OK, (await giulia.ActAsync(theirs, "close", new { outcome = "resolved" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await giulia.SendAsync(HttpMethod.Get, $"/api/operator/chats/{theirs}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await marco.SendAsync(HttpMethod.Get, $"/api/operator/chats/{theirs}"), HttpStatusCode.Forbidden, "not-your-chat");
        Assert.Equal(HttpStatusCode.OK, (await sara.SendAsync(HttpMethod.Get, $"/api/operator/chats/{theirs}")).StatusCode);

        // The history list: an operator's own conversations; a supervisor's, everyone's.
        Assert.Equal([theirs], await ConversationsAsync(giulia, string.Empty));
        Assert.Empty(await ConversationsAsync(marco, string.Empty));
        await ProblemAssert.IsProblemAsync(await marco.SendAsync(HttpMethod.Get, "/api/operator/conversations?operator=giulia"), HttpStatusCode.Forbidden, "not-your-chat");
        Assert.Equal([theirs], await ConversationsAsync(sara, "?operator=giulia"));
        Assert.Equal([theirs], await ConversationsAsync(admin, string.Empty));
    }

    [Fact]
    public async Task Tickets_are_a_shared_queue_but_only_a_supervisor_reassigns_someone_elses()
    {
        var giulia = await admin.HireAsync("giulia", availability: "offline");
        var marco = await admin.HireAsync("marco", availability: "offline");
        var sara = await admin.HireAsync("sara", availability: "offline", role: "supervisor");
        var created = await StaffDesk.ReadAsync<Lucine.Functions.Tickets.TicketCreatedResponse>(
            await giulia.SendAsync(HttpMethod.Post, "/api/operator/tickets", new { name = "Anna Verdi", contact = "anna@example.com", subject = "Biglietto perso" }));
        var ticket = $"/api/operator/tickets/{created.Number}";

        Assert.Equal(HttpStatusCode.OK, (await giulia.SendAsync(HttpMethod.Post, ticket + "/assign", new { assignee = "giulia" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await marco.SendAsync(HttpMethod.Post, ticket + "/assign", new { assignee = "marco" }), HttpStatusCode.Forbidden, "not-your-ticket");
        await ProblemAssert.IsProblemAsync(await marco.SendAsync(HttpMethod.Post, ticket + "/assign", new { assignee = (string?)null }), HttpStatusCode.Forbidden, "not-your-ticket");
        Assert.Equal(HttpStatusCode.OK, (await marco.SendAsync(HttpMethod.Get, ticket)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marco.SendAsync(HttpMethod.Post, ticket + "/notes", new { text = "L'ho sentita io" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marco.SendAsync(HttpMethod.Post, ticket + "/reply", new { text = "La richiamiamo" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sara.SendAsync(HttpMethod.Post, ticket + "/assign", new { assignee = "marco" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marco.SendAsync(HttpMethod.Post, ticket + "/assign", new { assignee = "giulia" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, ticket + "/assign", new { assignee = (string?)null })).StatusCode);
    }

    private async Task<string> EscalatedAsync()
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        await visitor.PressAsync("request_operator");
        return visitor.SessionId!;
    }

    private static async Task<IReadOnlyList<string>> ConversationsAsync(StaffDesk desk, string query) =>
        (await StaffDesk.ReadAsync<ConversationListResponse>(await desk.SendAsync(HttpMethod.Get, "/api/operator/conversations" + query))).Items.Select(c => c.SessionId).ToList();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();
}
