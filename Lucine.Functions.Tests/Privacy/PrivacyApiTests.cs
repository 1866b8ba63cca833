using Lucine.Functions.Privacy;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Privacy;

/// <summary>
/// Export and erasure of a customer's data by admins: found by phone, email, ticket number or session
/// id; personal fields gone and words redacted while the rows and counts stay; idempotent; an erasure
/// cut short after some items is finished by the next request or the retention timer, with the same
/// result as one that never stopped.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class PrivacyApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Phone = "+393331234567";

    private readonly ManualClock clock = new(new DateTimeOffset(2025, 12, 13, 18, 0, 0, TimeSpan.Zero));
    private LucineHost host = null!;
    private StaffDesk admin = null!;
    private CrashingEraser eraser = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, services: services =>
        {
            services.AddSingleton(sp => new CrashingEraser(sp.GetRequiredService<PersonalData>()));
            services.AddSingleton<IPersonalDataEraser>(sp => sp.GetRequiredService<CrashingEraser>());
        });
        admin = await StaffDesk.LoginAsync(host.Http);
        eraser = host.Services.GetRequiredService<CrashingEraser>();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_export_holds_the_conversation_the_ticket_its_entries_and_notifications_whichever_way_the_customer_is_found()
    {
        var (session, ticket) = await PrivacyScenario.ChatBecomesTicketAsync(host.Http, admin, "Maria Rossi", "333 123 4567");

        var response = await admin.ExportAsync(new { phone = "+39 333 123 4567" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var conversation = Assert.Single(export.Items("conversations"));
        Assert.Equal(session, conversation.Text("sessionId"));
        Assert.Contains(conversation.Items("messages"), m => m.Text("text") == "Ho perso i biglietti che ho comprato online");
        Assert.Equal("https://lucinedinatale.it/biglietti?utm=mail", conversation.GetProperty("context").GetProperty("page").Text("url"));
        var exported = Assert.Single(export.Items("tickets"));
        Assert.Equal(ticket, exported.GetProperty("ticket").Text("number"));
        Assert.Equal(Phone, exported.GetProperty("ticket").GetProperty("contact").Text("address"));
        Assert.Contains(exported.Items("entries"), e => e.Text("text") == "Cliente Maria Rossi");
        var confirmation = Assert.Single(exported.Items("notifications"));
        Assert.Equal(Phone, confirmation.Text("to"));
        Assert.NotEmpty(confirmation.Items("attempts"));
        Assert.Empty(export.Items("attachments"));

        foreach (var other in new object[] { new { ticket }, new { session } })
        {
            var again = await admin.ExportedAsync(other);
            Assert.Equal([session], again.Items("conversations").Select(c => c.Text("sessionId")));
            Assert.Equal([ticket], again.Items("tickets").Select(t => t.GetProperty("ticket").Text("number")));
        }

        Assert.Empty((await admin.ExportedAsync(new { email = "nessuno@example.com" })).Items("tickets"));
    }

    [Fact]
    public async Task Only_admins_export_and_erase()
    {
        var (session, _) = await PrivacyScenario.ChatBecomesTicketAsync(host.Http, admin, "Maria Rossi", "333 123 4567");
        foreach (var role in new[] { "operator", "supervisor" })
        {
            var desk = await admin.HireAsync("p" + role, role: role);

            await ProblemAssert.IsProblemAsync(await desk.ExportAsync(new { session }), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsProblemAsync(await desk.EraseAsync(new { session }), HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.PostAsJsonAsync("/api/admin/privacy/export", new { session })).StatusCode);
        Assert.Equal("Maria Rossi", (await admin.ExportedAsync(new { session })).Items("tickets").Single().GetProperty("ticket").GetProperty("contact").Text("name"));
    }

    [Theory]
    [InlineData("{}", "invalid-privacy-subject")]
    [InlineData("""{"email":"a@example.com","phone":"+393331234567"}""", "invalid-privacy-subject")]
    [InlineData("""{"email":"not an address"}""", "invalid-privacy-subject")]
    [InlineData("""{"phone":"12"}""", "invalid-privacy-subject")]
    [InlineData("""{"ticket":"../LUC-2025-000001"}""", "invalid-ticket-number")]
    [InlineData("""{"session":"a/b"}""", "invalid-privacy-subject")]
    [InlineData("""{"session":""", "invalid-json")]
    public async Task Bad_selectors_are_refused_and_nothing_is_erased(string body, string problem)
    {
        var (session, _) = await PrivacyScenario.ChatBecomesTicketAsync(host.Http, admin, "Maria Rossi", "333 123 4567");
        foreach (var path in new[] { "export", "erase" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/privacy/" + path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", admin.Token);

            await ProblemAssert.IsProblemAsync(await host.Http.SendAsync(request), HttpStatusCode.BadRequest, problem);
        }

        Assert.Equal("Maria Rossi", (await admin.ExportedAsync(new { session })).Items("tickets").Single().GetProperty("ticket").GetProperty("contact").Text("name"));
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, "/api/admin/privacy/erasures/..%2Fx"), HttpStatusCode.BadRequest, "invalid-erasure-id");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, "/api/admin/privacy/erasures/" + new string('a', 32)), HttpStatusCode.NotFound, "erasure-not-found");
    }

    [Fact]
    public async Task Erasure_removes_personal_fields_redacts_the_customers_words_keeps_the_counts_and_can_be_repeated()
    {
        var (session, ticket) = await PrivacyScenario.ChatBecomesTicketAsync(host.Http, admin, "Maria Rossi", "333 123 4567");
        var before = await admin.ExportedAsync(new { session });

        var job = await admin.ErasedAsync(new { phone = Phone });

        Assert.Equal(("completed", 1, 1, 2), (job.Text("status"), job.GetProperty("sessions").GetInt32(), job.GetProperty("tickets").GetInt32(), job.GetProperty("done").GetInt32()));
        var state = await admin.SendAsync(HttpMethod.Get, "/api/admin/privacy/erasures/" + job.Text("id"));
        Assert.Equal("completed", (await StaffDesk.ReadAsync<JsonElement>(state)).Text("status"));
        var after = await admin.ExportedAsync(new { session });
        AssertErased(before, after, "Maria", "3331234567");
        var tickets = await StaffDesk.ReadAsync<JsonElement>(await admin.SendAsync(HttpMethod.Get, "/api/operator/tickets"));
        var listed = Assert.Single(tickets.Items("items"));
        Assert.Equal((ticket, PersonalData.Marker), (listed.Text("number"), listed.Text("customerName")));
        var sink = await StaffDesk.ReadAsync<JsonElement>(await admin.SendAsync(HttpMethod.Get, $"/api/operator/sink?to={Uri.EscapeDataString(Phone)}"));
        Assert.Empty(sink.Items("items"));
        Assert.Empty((await admin.ExportedAsync(new { phone = Phone })).Items("tickets"));

        var again = await admin.ErasedAsync(new { session });

        Assert.Equal("completed", again.Text("status"));
        Assert.Equal(Normalized(after), Normalized(await admin.ExportedAsync(new { session })));
    }

    [Fact]
    public async Task A_rating_is_exported_with_its_conversation_and_erasure_forgets_its_comment_but_not_its_stars()
    {
        var session = await PrivacyScenario.BotChatAsync(host.Http);
        var token = host.Services.GetRequiredService<Lucine.Functions.Chat.SessionCredentials>().TokenFor(SessionId.Parse(session));
        var rate = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/{session}/rating") { Content = JsonContent.Create(new { score = 5, comment = "Chiedete a Maria Rossi" }) };
        rate.Headers.Add("X-Session-Token", token);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(rate)).StatusCode);
        var exported = (await admin.ExportedAsync(new { session })).Items("conversations").Single().GetProperty("rating");
        Assert.Equal((5, "Chiedete a Maria Rossi", "assistant"), (exported.GetProperty("score").GetInt32(), exported.Text("comment"), exported.Text("kind")));

        await admin.ErasedAsync(new { session });

        var erased = (await admin.ExportedAsync(new { session })).Items("conversations").Single().GetProperty("rating");
        Assert.Equal((5, PersonalData.Marker), (erased.GetProperty("score").GetInt32(), erased.Text("comment")));
    }

    [Fact]
    public async Task An_erasure_cut_short_is_finished_by_the_next_request_or_the_timer_as_if_it_had_never_stopped()
    {
        var first = await PrivacyScenario.ChatBecomesTicketAsync(host.Http, admin, "Maria Rossi", "333 123 4567");
        var second = await PrivacyScenario.ChatBecomesTicketAsync(host.Http, admin, "Luca Bianchi", "333 765 4321");
        var third = await PrivacyScenario.ChatBecomesTicketAsync(host.Http, admin, "Anna Verdi", "333 111 2222");
        var untouched = await admin.ExportedAsync(new { session = third.Session });

        eraser.FailAfter(1);
        var cut = await admin.ErasedAsync(new { ticket = first.Ticket });
        Assert.Equal(("running", 1, 2), (cut.Text("status"), cut.GetProperty("done").GetInt32(), cut.GetProperty("total").GetInt32()));
        eraser.FailAfter(0);
        var stopped = await admin.ErasedAsync(new { session = second.Session });
        Assert.Equal(("running", 0), (stopped.Text("status"), stopped.GetProperty("done").GetInt32()));
        eraser.Recover();

        var resumed = await admin.ErasedAsync(new { ticket = first.Ticket });
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync("/ApplyRetention", null)).StatusCode);
        var uninterrupted = await admin.ErasedAsync(new { ticket = third.Ticket });

        Assert.Equal((cut.Text("id"), "completed", 2), (resumed.Text("id"), resumed.Text("status"), resumed.GetProperty("done").GetInt32()));
        var timer = await StaffDesk.ReadAsync<JsonElement>(await admin.SendAsync(HttpMethod.Get, "/api/admin/privacy/erasures/" + stopped.Text("id")));
        Assert.Equal(("completed", 2), (timer.Text("status"), timer.GetProperty("done").GetInt32()));
        Assert.Equal("completed", uninterrupted.Text("status"));
        var expected = Normalized(await admin.ExportedAsync(new { session = third.Session }));
        AssertErased(untouched, await admin.ExportedAsync(new { session = third.Session }), "Anna", "3331112222");
        Assert.Equal(expected, Normalized(await admin.ExportedAsync(new { session = first.Session })));
        Assert.Equal(expected, Normalized(await admin.ExportedAsync(new { session = second.Session })));
    }

    private static void AssertErased(JsonElement before, JsonElement after, string name, string phone)
    {
        var was = before.Items("conversations").Single();
        var now = after.Items("conversations").Single();
        Assert.Equal(was.Items("messages").Count(), now.Items("messages").Count());
        Assert.All(now.Items("messages").Where(m => m.Text("sender") == "visitor"), m => Assert.Equal(PersonalData.Marker, m.Text("text")));
        Assert.Contains(now.Items("messages"), m => m.Text("sender") == "bot" && m.Text("text") != PersonalData.Marker);
        Assert.False(now.TryGetProperty("contact", out var contact) && contact.ValueKind != JsonValueKind.Null);
        Assert.False(now.TryGetProperty("context", out var context) && context.ValueKind != JsonValueKind.Null);
        Assert.All(now.Items("notes"), n => Assert.Equal(PersonalData.Marker, n.Text("text")));

        var ticket = after.Items("tickets").Single();
        var state = ticket.GetProperty("ticket");
        Assert.Equal((PersonalData.Marker, PersonalData.Marker, PersonalData.Marker), (state.GetProperty("contact").Text("name"), state.GetProperty("contact").Text("address"), state.Text("subject")));
        Assert.Equal(before.Items("tickets").Single().Items("entries").Count(), ticket.Items("entries").Count());
        Assert.All(ticket.Items("entries").Where(e => e.Text("kind") != "event"), e => Assert.Equal(PersonalData.Marker, e.Text("text")));
        var notification = ticket.Items("notifications").Single();
        Assert.Equal((PersonalData.Marker, PersonalData.Marker), (notification.Text("to"), notification.Text("text")));
        Assert.NotEmpty(notification.Items("attempts"));
        Assert.DoesNotContain(name, after.GetRawText());
        Assert.DoesNotContain("lucinedinatale.it/biglietti", after.GetRawText());
        Assert.DoesNotContain(phone, after.GetRawText());
    }

    /// <summary>What an erased export says, without what differs between two customers anyway (ids, numbers, times).</summary>
    private static string Normalized(JsonElement export)
    {
        var conversation = export.Items("conversations").Single();
        var ticket = export.Items("tickets").Single();
        return string.Join("\n", [
            .. conversation.Items("messages").Select(m => m.Text("sender") + ": " + System.Text.RegularExpressions.Regex.Replace(m.Text("text") ?? "", @"LUC-\d{4}-\d{6}|\d{1,2} \w+ \d{4}.*", "…")),
            .. conversation.Items("notes").Select(n => "note: " + n.Text("text")),
            "contact: " + conversation.TryGetProperty("contact", out var c) + " context: " + conversation.TryGetProperty("context", out var x),
            .. ticket.Items("entries").Select(e => e.Text("kind") + ": " + (e.Text("kind") == "event" ? "…" : e.Text("text"))),
            "ticket: " + ticket.GetProperty("ticket").GetProperty("contact").GetRawText() + ticket.GetProperty("ticket").Text("subject") + ticket.GetProperty("ticket").Text("description"),
            .. ticket.Items("notifications").Select(n => n.Text("to") + " " + n.Text("subject") + " " + n.Text("text") + " " + n.Text("status")),
        ]);
    }
}

/// <summary>The real eraser, which can be told to crash (throw) after a number of items, as a process killed halfway would stop.</summary>
public sealed class CrashingEraser(IPersonalDataEraser inner) : IPersonalDataEraser
{
    private int left = int.MaxValue;

    public void FailAfter(int items) => Volatile.Write(ref left, items);

    public void Recover() => Volatile.Write(ref left, int.MaxValue);

    public Task EraseAsync(ErasureItem item, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref left) < 0 ? throw new IOException("The process stopped here.") : inner.EraseAsync(item, cancellationToken);
}
