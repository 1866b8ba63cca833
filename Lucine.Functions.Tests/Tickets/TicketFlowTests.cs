using System.Security.Cryptography;
using System.Text;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;
using Lucine.Functions.Tickets;

namespace Lucine.Functions.Tests.Tickets;

/// <summary>
/// Tickets end to end on a real Kestrel and Azurite, with no provider credentials, so that every
/// message to a customer lands in the local sink where the test reads it (GET /api/operator/sink).
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class TicketFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string TwilioToken = "test-auth-token-0123456789abcdef";
    private const string PublicBase = "https://lucine.example";

    private readonly ManualClock clock = new(new DateTimeOffset(2025, 12, 13, 18, 0, 0, TimeSpan.Zero));
    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, settings =>
        {
            settings["Tickets:AlertEmails:0"] = "supervisori@lucinedinatale.example";
            settings["Tickets:PublicCreatesPerHour"] = "3";

            // Twilio webhooks can be verified, but no sender number is set: messages still go to the sink.
            settings["Twilio:AccountSid"] = "AC00000000000000000000000000000000";
            settings["Twilio:AuthToken"] = TwilioToken;
            settings["Notifications:PublicBaseUrl"] = PublicBase;
        });
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task With_nobody_online_the_chat_collects_the_contact_opens_a_ticket_and_the_customer_gets_the_confirmation()
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("Ho perso i biglietti che ho comprato online");
        await visitor.SayAsync("voglio parlare con un operatore");
        Assert.Equal(SessionStatus.CollectingContact, (await visitor.PressAsync("request_operator")).Status);
        await visitor.SayAsync("Maria Rossi");
        var phone = await visitor.SayAsync("333 123 4567");
        Assert.Equal(["contact_whatsapp", "contact_sms", "cancel_ticket"], phone.SmartActions.Select(a => a.Action));
        await visitor.PressAsync("contact_sms");

        var done = await visitor.SayAsync("Ho perso i biglietti che ho comprato online");

        Assert.Equal(SessionStatus.Ended, done.Status);
        var number = Assert.Single(await ListAsync("")).Number;
        Assert.Contains(number, done.Reply);
        var ticket = await DetailAsync(number);
        Assert.Equal((TicketStatus.Open, TicketPriority.Medium, TicketSource.Chat), (ticket.Status, ticket.Priority, ticket.Source));
        Assert.Equal(new ContactDto("Maria Rossi", ContactChannel.Sms, "+393331234567"), ticket.Contact);
        Assert.Equal("Ho perso i biglietti che ho comprato online", ticket.Subject);
        Assert.Equal(visitor.SessionId, ticket.SessionId);
        Assert.Contains(ticket.Transcript, m => m.Text == "Ho perso i biglietti che ho comprato online");
        Assert.Equal(done.Messages[^1].Sequence, ticket.Transcript[^1].Sequence);

        var confirmation = Assert.Single(await SinkAsync("+393331234567"));
        Assert.Equal("sms", confirmation.GetProperty("channel").GetString());
        var text = confirmation.GetProperty("text").GetString()!;
        Assert.Contains(number, text);
        Assert.Contains("lucine_resume=", text);
        Assert.Contains(Credentials.AccessCode(Parse(number)), text);
    }

    [Fact]
    public async Task An_operator_reply_reaches_the_customer_and_the_customer_reads_only_public_entries()
    {
        var number = await OpenThroughApiAsync("maria@example.com");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/notes", new { text = "cliente abituale", @public = false })).StatusCode);

        var replied = await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/reply", new { text = "Li abbiamo ritrovati alla cassa." });

        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        var sent = await SinkAsync("maria@example.com");
        Assert.Contains(sent, m => m.GetProperty("text").GetString()!.Contains("Li abbiamo ritrovati alla cassa."));
        var ticket = await DetailAsync(number);
        Assert.Equal((TicketStatus.InProgress, SlaState.Met), (ticket.Status, ticket.FirstResponse.State));
        Assert.Equal(2, ticket.Notifications.Count);
        Assert.All(ticket.Notifications, n => Assert.Equal(("sink", Lucine.Functions.Notifications.NotificationStatus.Sent), (n.Provider, n.Status)));

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/{number}");
        request.Headers.Add("X-Ticket-Access", Credentials.AccessCode(Parse(number)));
        var customer = (await (await host.Http.SendAsync(request)).Content.ReadAsync<CustomerTicketDto>())!;
        Assert.Equal(TicketStatus.InProgress, customer.Status);
        Assert.Equal(["Li abbiamo ritrovati alla cassa."], customer.Replies.Select(r => r.Text));
    }

    [Fact]
    public async Task The_customer_ticket_needs_its_own_access_code()
    {
        var number = await OpenThroughApiAsync("maria@example.com");
        var other = await OpenThroughApiAsync("luca@example.com");

        await ProblemAssert.IsProblemAsync(await host.Http.GetAsync($"/api/tickets/{number}"), HttpStatusCode.Unauthorized, "ticket-access-required");
        await ProblemAssert.IsProblemAsync(await host.Http.GetAsync($"/api/tickets/{number}?access={Credentials.AccessCode(Parse(other))}"),
            HttpStatusCode.Unauthorized, "invalid-ticket-access");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync($"/api/tickets/{number}?access={Credentials.AccessCode(Parse(number))}")).StatusCode);
    }

    [Fact]
    public async Task An_inbound_whatsapp_message_is_appended_to_the_customers_open_ticket_and_reopens_it()
    {
        var number = await OpenThroughApiAsync("+39 333 765 4321");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/status", new { status = "resolved" })).StatusCode);
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM11111111111111111111111111111111",
            ["From"] = "whatsapp:+393337654321",
            ["To"] = "whatsapp:+14155238886",
            ["Body"] = "Non è ancora risolto",
        };

        var response = await PostSignedAsync("/api/webhooks/twilio/inbound", form);
        var again = await PostSignedAsync("/api/webhooks/twilio/inbound", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var ticket = await DetailAsync(number);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Single(ticket.Entries, e => e.Kind == TicketEntryKind.CustomerMessage && e.Text == "Non è ancora risolto");
    }

    [Fact]
    public async Task A_message_from_a_customer_with_no_open_ticket_opens_one_and_is_confirmed_on_the_same_channel()
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM33333333333333333333333333333333",
            ["From"] = "+393471112233",
            ["To"] = "+390212345678",
            ["Body"] = "Posso cambiare la data dei biglietti?",
        };

        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync("/api/webhooks/twilio/inbound", form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync("/api/webhooks/twilio/inbound", form)).StatusCode);

        var summary = Assert.Single(await ListAsync(""));
        var ticket = await DetailAsync(summary.Number);
        Assert.Equal((TicketSource.Message, "Posso cambiare la data dei biglietti?"), (ticket.Source, ticket.Description));
        Assert.Equal(new ContactDto("+393471112233", ContactChannel.Sms, "+393471112233"), ticket.Contact);
        Assert.Contains(summary.Number, Assert.Single(await SinkAsync("+393471112233")).GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_inbound_message_with_a_bad_signature_is_refused_and_stores_nothing()
    {
        var number = await OpenThroughApiAsync("+39 333 765 4321");
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM2", ["From"] = "whatsapp:+393337654321", ["Body"] = "ciao" };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/twilio/inbound") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Sign(PublicBase + "/api/webhooks/twilio/inbound", form) + "x");

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Http.SendAsync(request)).StatusCode);
        Assert.DoesNotContain((await DetailAsync(number)).Entries, e => e.Kind == TicketEntryKind.CustomerMessage);
    }

    [Fact]
    public async Task The_sla_warns_at_80_percent_and_a_breach_raises_the_priority_and_emails_the_supervisors()
    {
        var number = await OpenThroughApiAsync("maria@example.com");

        clock.Advance(TimeSpan.FromMinutes(4 * 60 * 0.8));
        await SweepAsync();
        var warned = await DetailAsync(number);
        Assert.Equal((SlaState.Warning, TicketPriority.Medium), (warned.FirstResponse.State, warned.Priority));
        Assert.Equal(SlaState.Warning, Assert.Single(await ListAsync("sla=warning")).Sla);

        clock.Advance(TimeSpan.FromMinutes(4 * 60 * 0.2));
        await SweepAsync();
        await SweepAsync();
        var breached = await DetailAsync(number);
        Assert.Equal((SlaState.Breached, TicketPriority.High), (breached.FirstResponse.State, breached.Priority));
        Assert.Single(breached.Entries, e => e.Kind == TicketEntryKind.Event && e.Text.Contains("superato"));
        var email = Assert.Single(await SinkAsync("supervisori@lucinedinatale.example"));
        Assert.Contains(number, email.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Invalid_status_changes_are_refused_with_409_and_change_nothing()
    {
        var number = await OpenThroughApiAsync("maria@example.com");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/status", new { status = "closed" })).StatusCode);

        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/status", new { status = "in_progress" }),
            HttpStatusCode.Conflict, "invalid-transition");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/reply", new { text = "ciao" }),
            HttpStatusCode.Conflict, "ticket-closed");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/status", new { status = "archived" }),
            HttpStatusCode.BadRequest, "invalid-json");
        Assert.Equal(TicketStatus.Closed, (await DetailAsync(number)).Status);
    }

    [Fact]
    public async Task Bad_ticket_requests_get_clear_problems_and_open_nothing()
    {
        await ProblemAssert.IsProblemAsync(await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria", contact = "not a contact", message = "x" }),
            HttpStatusCode.BadRequest, "invalid-contact");
        await ProblemAssert.IsProblemAsync(await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria", contact = "maria@example.com", channel = "sms", message = "x" }),
            HttpStatusCode.BadRequest, "channel-mismatch");
        await ProblemAssert.IsProblemAsync(await host.Http.PostAsJsonAsync("/api/tickets", new { name = "", contact = "maria@example.com", message = "x" }),
            HttpStatusCode.BadRequest, "invalid-name");
        await ProblemAssert.IsProblemAsync(await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria", contact = "maria@example.com", message = "x", sessionId = "abc" }),
            HttpStatusCode.Unauthorized, "invalid-session-token");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, "/api/operator/tickets/LUC-1"), HttpStatusCode.BadRequest, "invalid-ticket-number");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, "/api/operator/tickets/LUC-2025-999999"), HttpStatusCode.NotFound, "ticket-not-found");
        Assert.Empty(await ListAsync(""));
    }

    [Fact]
    public async Task The_public_api_is_rate_limited_per_address()
    {
        for (var i = 0; i < 3; i++)
        {
            await OpenThroughApiAsync($"c{i}@example.com");
        }

        var refused = await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria", contact = "x@example.com", message = "ancora" });

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "too-many-tickets");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(3, (await ListAsync("")).Count);
    }

    [Fact]
    public async Task The_resume_link_reopens_the_conversation_until_it_expires()
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("vorrei aprire un ticket");
        await visitor.SayAsync("Maria");
        await visitor.SayAsync("maria@example.com");
        await visitor.SayAsync("Vorrei spostare la mia visita a un altro giorno");
        var number = Parse(Assert.Single(await ListAsync("")).Number);
        var token = Uri.UnescapeDataString(Credentials.ResumeUrl(number, clock.GetUtcNow()).Split("lucine_resume=")[1]);

        var resumed = await host.Http.PostAsJsonAsync("/api/tickets/resume", new { token });

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var body = (await resumed.Content.ReadAsync<ResumeResponse>())!;
        Assert.Equal((visitor.SessionId, SessionStatus.Bot), (body.SessionId, body.Status));
        var last = (await visitor.MessagesAsync()).Messages[^1];
        Assert.Equal(["request_operator", "continue_ai"], last.SmartActions.Select(a => a.Action));
        Assert.Equal(["Parla con lo staff", "Continua con l'assistente"], last.SmartActions.Select(a => a.Label));

        clock.Advance(TimeSpan.FromDays(15));
        await ProblemAssert.IsProblemAsync(await host.Http.PostAsJsonAsync("/api/tickets/resume", new { token }), HttpStatusCode.Gone, "resume-link-expired");
        await ProblemAssert.IsProblemAsync(await host.Http.PostAsJsonAsync("/api/tickets/resume", new { token = token + "x" }), HttpStatusCode.BadRequest, "invalid-resume-link");
    }

    [Fact]
    public async Task The_ticket_subject_is_what_the_visitor_needs_not_the_question_the_assistant_answered()
    {
        const string Need = "Vorrei sapere se posso lasciare il camper vicino all'ingresso";
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("Quanto costa il parcheggio?");
        await visitor.SayAsync("voglio parlare con un operatore");
        await visitor.PressAsync("request_operator");
        await visitor.SayAsync("Maria Rossi");
        var asked = await visitor.SayAsync("maria@example.com");

        var done = await visitor.SayAsync(Need);

        Assert.Equal(SessionStatus.CollectingContact, asked.Status);
        Assert.StartsWith("Ultima cosa: di cosa hai bisogno?", asked.Reply);
        Assert.Equal(["cancel_ticket"], asked.SmartActions.Select(a => a.Action));
        Assert.Equal(SessionStatus.Ended, done.Status);
        var ticket = await DetailAsync(Assert.Single(await ListAsync("")).Number);
        Assert.Equal(Need, ticket.Subject);
        Assert.StartsWith($"Richiesta del cliente: «{Need}»", ticket.Description);
    }

    [Fact]
    public async Task A_question_the_assistant_could_not_answer_is_proposed_and_confirmed_as_the_subject()
    {
        const string Question = "posso portare un drone per fare riprese dall'alto?";
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync(Question);
        await visitor.PressAsync("request_operator");
        await visitor.SayAsync("Maria Rossi");
        var proposed = await visitor.SayAsync("maria@example.com");

        var done = await visitor.PressAsync("confirm_need");

        Assert.True(proposed.Reply.Contains($"«{Question}»", StringComparison.Ordinal), proposed.Reply);
        Assert.Equal(["confirm_need", "write_need", "cancel_ticket"], proposed.SmartActions.Select(a => a.Action));
        Assert.Equal(SessionStatus.Ended, done.Status);
        Assert.Equal(Question, (await DetailAsync(Assert.Single(await ListAsync("")).Number)).Subject);
    }

    [Fact]
    public async Task The_resume_api_puts_the_staff_s_reply_in_the_conversation_before_the_choice()
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("vorrei aprire un ticket");
        await visitor.SayAsync("Maria");
        await visitor.SayAsync("maria@example.com");
        await visitor.SayAsync("Vorrei spostare la mia visita a un altro giorno");
        var number = Assert.Single(await ListAsync("")).Number;
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/notes", new { text = "solo per lo staff", @public = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/reply", new { text = "Certo, ti abbiamo spostato al 20 dicembre." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/notes", new { text = "Il nuovo biglietto è nella tua email.", @public = true })).StatusCode);
        var token = Uri.UnescapeDataString(Credentials.ResumeUrl(Parse(number), clock.GetUtcNow()).Split("lucine_resume=")[1]);

        var resumed = await host.Http.PostAsJsonAsync("/api/tickets/resume", new { token });

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var messages = (await visitor.MessagesAsync()).Messages;
        Assert.Equal(
            [(MessageSender.Operator, "Certo, ti abbiamo spostato al 20 dicembre.", "Giulia"), (MessageSender.Operator, "Il nuovo biglietto è nella tua email.", "Giulia")],
            messages.TakeLast(3).SkipLast(1).Select(m => (m.Sender, m.Text, m.Author)));
        Assert.DoesNotContain(messages, m => m.Text == "solo per lo staff");
        Assert.StartsWith("Bentornato! Qui sopra trovi la risposta dello staff", messages[^1].Text);
    }

    private TicketCredentials Credentials => host.Services.GetRequiredService<TicketCredentials>();

    private static TicketNumber Parse(string number) => TicketNumber.TryParse(number, out var parsed) ? parsed : throw new ArgumentException(number);

    private async Task<string> OpenThroughApiAsync(string contact)
    {
        var response = await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria Rossi", contact, message = "Ho perso i biglietti" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadAsync<TicketCreatedResponse>())!.Number;
    }

    private async Task<IReadOnlyList<TicketSummary>> ListAsync(string query) =>
        (await StaffDesk.ReadAsync<TicketListResponse>(await admin.SendAsync(HttpMethod.Get, "/api/operator/tickets?" + query))).Items;

    private async Task<TicketDto> DetailAsync(string number) =>
        await StaffDesk.ReadAsync<TicketDto>(await admin.SendAsync(HttpMethod.Get, $"/api/operator/tickets/{number}"));

    private async Task<IReadOnlyList<JsonElement>> SinkAsync(string to)
    {
        using var page = await StaffDesk.ReadAsync<JsonDocument>(await admin.SendAsync(HttpMethod.Get, $"/api/operator/sink?to={Uri.EscapeDataString(to)}"));
        return page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private async Task SweepAsync() => Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync("/SweepTickets", null)).StatusCode);

    private async Task<HttpResponseMessage> PostSignedAsync(string path, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Sign(PublicBase + path, form));
        return await host.Http.SendAsync(request);
    }

    /// <summary>Twilio's documented scheme: HMAC-SHA1 with the auth token over the URL followed by each POST parameter's name and value, sorted by name.</summary>
    private static string Sign(string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(TwilioToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
