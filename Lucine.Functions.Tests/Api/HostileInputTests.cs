using System.Text;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Tests.Operators;
using Lucine.Functions.Replies;
using Lucine.Functions.Tickets;

namespace Lucine.Functions.Tests.Api;

/// <summary>
/// Findings of the black-box probe, on text and identifiers: a character nobody writes is a clear 400
/// on every text field, never a 500; an identifier that would be a storage key is checked at the edge
/// and refused at once, never sent to storage (where a '/' made a 503 after 10 seconds).
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class HostileInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>JSON escapes of characters nobody writes: a noncharacter of the BMP and of plane 16, the first of U+FDD0–U+FDEF, a C1 control.</summary>
    private static readonly string[] Unwritable = [@"\uFFFE", @"\uFFFF", @"\uDBFF\uDFFF", @"\uFDD0", @"\u0085", @"\u001B"];

    /// <summary>Identifiers that must never become a storage key: separators, traversal, an escaped slash, far too long.</summary>
    public static readonly TheoryData<string> HostileIds = new() { "a/b", "../admin", "a%2Fb", "a\\b", "a#b", "a?b", new string('a', 2000) };

    private LucineHost host = null!;
    private StaffDesk admin = null!;
    private TableProbe probe = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        admin = await StaffDesk.LoginAsync(host.Http);
        probe = new TableProbe(host);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string json, string? token)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return host.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_chat_message_with_a_noncharacter_or_a_control_character_is_a_400_and_opens_no_session()
    {
        foreach (var bad in Unwritable)
        {
            await ProblemAssert.IsProblemAsync(
                await SendRawAsync(HttpMethod.Post, "/api/chat", $$"""{"message":"Quanto costa il biglietto{{bad}}?"}""", null), HttpStatusCode.BadRequest, "invalid-characters");
        }

        // A lone surrogate is not even JSON text: the reader refuses it.
        await ProblemAssert.IsProblemAsync(await SendRawAsync(HttpMethod.Post, "/api/chat", """{"message":"ciao \uD800"}""", null), HttpStatusCode.BadRequest, "invalid-json");
        Assert.Empty(await probe.SessionRowsAsync());
    }

    [Fact]
    public async Task Operator_and_ticket_text_fields_refuse_noncharacters_and_nothing_changes()
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("Ciao, a che ora aprite?");
        var number = (await StaffDesk.ReadAsync<TicketCreatedResponse>(await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria Rossi", contact = "maria@example.com", message = "Ho perso i biglietti" }))).Number;
        var rowsBefore = (await probe.SessionRowsAsync(visitor.SessionId)).Count;
        var ticketBefore = await StaffDesk.ReadAsync<TicketDto>(await admin.SendAsync(HttpMethod.Get, $"/api/operator/tickets/{number}"));

        foreach (var bad in Unwritable)
        {
            var refusals = new (HttpMethod Method, string Path, string Json, string? Token)[]
            {
                (HttpMethod.Post, $"/api/operator/chats/{visitor.SessionId}/messages", $$"""{"text":"Buongiorno{{bad}}"}""", admin.Token),
                (HttpMethod.Post, $"/api/operator/chats/{visitor.SessionId}/notes", $$"""{"text":"nota{{bad}}"}""", admin.Token),
                (HttpMethod.Post, "/api/operator/tickets", $$"""{"name":"Anna","contact":"anna@example.com","subject":"Rimborso{{bad}}"}""", admin.Token),
                (HttpMethod.Post, "/api/operator/tickets", $$"""{"name":"An{{bad}}na","contact":"anna@example.com","subject":"Rimborso"}""", admin.Token),
                (HttpMethod.Patch, $"/api/operator/tickets/{number}", $$"""{"subject":"Nuovo{{bad}}"}""", admin.Token),
                (HttpMethod.Post, $"/api/operator/tickets/{number}/reply", $$"""{"text":"Gentile{{bad}}"}""", admin.Token),
                (HttpMethod.Post, $"/api/operator/tickets/{number}/notes", $$"""{"text":"interna{{bad}}","public":false}""", admin.Token),
                (HttpMethod.Post, "/api/tickets", $$"""{"name":"Maria","contact":"maria@example.com","message":"Aiuto{{bad}}"}""", null),
                (HttpMethod.Post, "/api/tickets", $$"""{"name":"Ma{{bad}}ria","contact":"maria@example.com","message":"Aiuto"}""", null),
            };
            foreach (var (method, path, json, token) in refusals)
            {
                var response = await SendRawAsync(method, path, json, token);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {json}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            await ProblemAssert.IsProblemAsync(
                await SendRawAsync(HttpMethod.Post, ReplyEndpoints.Path, $$$"""{"title":"Saluto","shortcut":"saluto","text":{"it":"Ciao{{{bad}}}","en":"Hi"}}""", admin.Token),
                HttpStatusCode.BadRequest, "invalid-reply");
            await ProblemAssert.IsProblemAsync(
                await SendRawAsync(HttpMethod.Patch, "/api/operators/me", $$"""{"displayName":"Giulia{{bad}}"}""", admin.Token), HttpStatusCode.BadRequest, "invalid-display-name");
        }

        Assert.Equal(rowsBefore, (await probe.SessionRowsAsync(visitor.SessionId)).Count);
        var ticketAfter = await StaffDesk.ReadAsync<TicketDto>(await admin.SendAsync(HttpMethod.Get, $"/api/operator/tickets/{number}"));
        Assert.Equal(ticketBefore.Subject, ticketAfter.Subject);
        Assert.Equal(ticketBefore.Entries.Count, ticketAfter.Entries.Count);
        Assert.Empty((await StaffDesk.ReadAsync<ItemsResponse<ReplyResponse>>(await admin.SendAsync(HttpMethod.Get, ReplyEndpoints.Path))).Items);
        Assert.Equal("Giulia", (await admin.MeAsync()).DisplayName);
    }

    [Fact]
    public async Task A_ticket_subject_cannot_be_edited_to_nothing()
    {
        var number = (await StaffDesk.ReadAsync<TicketCreatedResponse>(await admin.SendAsync(HttpMethod.Post, "/api/operator/tickets",
            new { name = "Anna", contact = "anna@example.com", subject = "Rimborso" }))).Number;

        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Patch, $"/api/operator/tickets/{number}", new { subject = "" }), HttpStatusCode.BadRequest, "invalid-subject");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Patch, $"/api/operator/tickets/{number}", new { subject = "   " }), HttpStatusCode.BadRequest, "invalid-subject");
        var kept = await StaffDesk.ReadAsync<TicketDto>(await admin.SendAsync(HttpMethod.Patch, $"/api/operator/tickets/{number}", new { priority = "high" }));
        Assert.Equal("Rimborso", kept.Subject);
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task An_identifier_that_would_be_a_storage_key_is_refused_at_once_and_nothing_is_stored(string hostile)
    {
        var operatorsBefore = (await StaffDesk.ReadAsync<ItemsResponse<OperatorProfile>>(await admin.SendAsync(HttpMethod.Get, "/api/operators"))).Items.Count;
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("Vorrei parlare con qualcuno");
        var number = (await StaffDesk.ReadAsync<TicketCreatedResponse>(await admin.SendAsync(HttpMethod.Post, "/api/operator/tickets",
            new { name = "Anna", contact = "anna@example.com", subject = "Rimborso" }))).Number;
        var escaped = Uri.EscapeDataString(hostile);

        await ProblemAssert.IsProblemAsync(await host.Http.PostAsJsonAsync("/api/operators/login", new { username = hostile, password = "whatever it is" }), HttpStatusCode.BadRequest, "invalid-username");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, "/api/operators",
            new { username = hostile, displayName = "Intruso", password = StaffDesk.AdminPassword }), HttpStatusCode.BadRequest, "invalid-username");
        await ProblemAssert.IsProblemAsync(await admin.ActAsync(visitor.SessionId!, "transfer", new { to = hostile }), HttpStatusCode.BadRequest, "invalid-username");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/assign", new { assignee = hostile }), HttpStatusCode.BadRequest, "invalid-username");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, $"/api/operator/tickets?assignee={escaped}"), HttpStatusCode.BadRequest, "invalid-filter");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, $"/api/operator/conversations?operator={escaped}"), HttpStatusCode.BadRequest, "invalid-filter");
        foreach (var action in new[] { "deactivate", "reactivate", "sign-out" })
        {
            await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"/api/operators/{escaped}/{action}"), HttpStatusCode.BadRequest, "invalid-username");
        }

        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Patch, $"/api/operators/{escaped}", new { displayName = "X" }), HttpStatusCode.BadRequest, "invalid-username");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, $"/api/operator/tickets/{escaped}"), HttpStatusCode.BadRequest, "invalid-ticket-number");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{escaped}/reply", new { text = "Gentile cliente" }), HttpStatusCode.BadRequest, "invalid-ticket-number");
        await ProblemAssert.IsProblemAsync(await host.Http.GetAsync($"/api/tickets/{escaped}?access=abc"), HttpStatusCode.BadRequest, "invalid-ticket-number");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, $"/api/operator/chats/{escaped}"), HttpStatusCode.BadRequest, "invalid-session-id");
        await ProblemAssert.IsProblemAsync(await admin.AddNoteAsync(escaped, "nota"), HttpStatusCode.BadRequest, "invalid-session-id");
        await ProblemAssert.IsProblemAsync(await admin.TakeAsync(escaped), HttpStatusCode.BadRequest, "invalid-session-id");
        await ProblemAssert.IsProblemAsync(await visitor.PostAsync(new { message = "ciao", sessionId = hostile }), HttpStatusCode.BadRequest, "invalid-session-id");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, $"{ReplyEndpoints.Path}/{escaped}"), HttpStatusCode.BadRequest, "invalid-reply-id");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Delete, $"{ReplyEndpoints.Path}/{escaped}"), HttpStatusCode.BadRequest, "invalid-reply-id");

        Assert.Equal(operatorsBefore, (await StaffDesk.ReadAsync<ItemsResponse<OperatorProfile>>(await admin.SendAsync(HttpMethod.Get, "/api/operators"))).Items.Count);
        var ticket = await StaffDesk.ReadAsync<TicketDto>(await admin.SendAsync(HttpMethod.Get, $"/api/operator/tickets/{number}"));
        Assert.Null(ticket.Assignee);
        Assert.DoesNotContain(await probe.AllRowsAsync(), row => row.PartitionKey.Contains(hostile, StringComparison.Ordinal) || row.RowKey.Contains(hostile, StringComparison.Ordinal));
    }
}
