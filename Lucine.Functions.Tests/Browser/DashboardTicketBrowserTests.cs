using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// Tickets in the operator console: the list with its filters and pages, the detail, replies,
/// notes, status and assignment, alerts, and a ticket opened from a live chat. Each test has its
/// own Lucine (first admin Giulia) on the browser collection's Azurite; customers and other
/// operators act over HTTP meanwhile.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardTicketBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private StaffBrowser staff = null!;

    public async Task InitializeAsync() => staff = await StaffBrowser.StartAsync(browser);

    public async Task DisposeAsync() => await staff.DisposeAsync();

    [Fact]
    public async Task The_admin_finds_a_customer_ticket_replies_notes_and_resolves_it_and_a_stale_change_shows_the_refusal()
    {
        const string Name = "Maria <b>Rossi</b>";
        const string Message = "Ho perso il biglietto <img src=x onerror=window.lucineXss=1> ieri sera";
        const string Reply = "L'abbiamo ritrovato: è alla cassa all'ingresso.";
        const string Note = "Biglietto consegnato alla cassa, turno serale";
        var created = await CustomerOpensAsync(Name, "maria.rossi@example.com", Message);
        var number = created.GetProperty("number").GetString()!;
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Ticket" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Ticket" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#view-chats")).ToBeHiddenAsync();
        var item = page.Locator($"#tickets li[data-number='{number}']");
        await Expect(item.Locator(".ticket-state")).ToHaveTextAsync("Aperto");
        await Expect(item.Locator(".sla")).ToHaveTextAsync("SLA: Nei tempi");
        await Expect(item.Locator(".sla")).ToHaveAttributeAsync("data-sla", "active");
        await Expect(item.Locator(".preview")).ToHaveTextAsync(Message);
        await Expect(item.Locator(".item-meta")).ToContainTextAsync(Name + " · Email · non assegnato");

        await item.Locator(".item-open").ClickAsync();

        var ticket = page.Locator("#ticket");
        await Expect(ticket).ToHaveAttributeAsync("data-status", "open");
        await Expect(page.Locator("#ticket-number")).ToHaveTextAsync(number);
        await Expect(page.Locator("#ticket-description")).ToHaveTextAsync(Message);
        await Expect(page.Locator("#ticket-facts")).ToContainTextAsync(Name);
        await Expect(page.Locator("#ticket-facts")).ToContainTextAsync("Email · maria.rossi@example.com");
        await Expect(page.Locator("#ticket-facts")).ToContainTextAsync(new Regex(@"Prima rispostaSLA: Nei tempiavviso \d\d/\d\d/\d{4}, \d\d:\d\d · scadenza \d\d/\d\d/\d{4}, \d\d:\d\d \(ora di Roma\)"));
        await Expect(page.Locator("#ticket-next-status option")).ToHaveTextAsync(["In lavorazione", "In attesa del cliente", "Risolto", "Chiuso"]);
        await Expect(page.Locator("#console img, #console b")).ToHaveCountAsync(0);

        // A reply reaches the customer and starts the work on the ticket.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Risposta al cliente" }).FillAsync(Reply);
        await page.GetByRole(AriaRole.Button, new() { Name = "Invia risposta" }).ClickAsync();

        await Expect(page.Locator(".entry.reply .text")).ToHaveTextAsync(Reply);
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("In lavorazione");
        await Expect(page.Locator("#ticket-facts")).ToContainTextAsync("Prima rispostaSLA: Rispettato");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Risposta al cliente" })).ToBeEmptyAsync();

        // An internal note is marked as such and is not the customer's to read.
        await page.GetByRole(AriaRole.Button, new() { Name = "Nota", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Nota interna" }).FillAsync(Note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva nota" }).ClickAsync();

        var note = page.Locator(".entry.internal_note");
        await Expect(note.Locator(".text")).ToHaveTextAsync(Note);
        await Expect(note.Locator(".entry-label")).ToHaveTextAsync("Nota interna");
        await Expect(note.Locator(".note-hint")).ToHaveTextAsync("non visibile al cliente");
        var customerView = await CustomerReadsAsync(number, created.GetProperty("accessCode").GetString()!);
        var replies = customerView.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("text").GetString()).ToList();
        Assert.Contains(Reply, replies);
        Assert.DoesNotContain(Note, replies);

        // Resolved: the list says so too, and only the moves a resolved ticket allows are offered.
        await page.GetByLabel("Nuovo stato").SelectOptionAsync("resolved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambia stato" }).ClickAsync();

        await Expect(ticket).ToHaveAttributeAsync("data-status", "resolved");
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("Risolto");
        await Expect(item.Locator(".ticket-state")).ToHaveTextAsync("Risolto");
        await Expect(page.Locator("#ticket-next-status option")).ToHaveTextAsync(["In lavorazione", "Chiuso"]);

        // Someone else closes it just before this operator's change arrives: the refusal is shown as the server explains it.
        var colleague = await StaffDesk.LoginAsync(staff.Host.Http);
        await page.RouteAsync("**/api/operator/tickets/*/status", async route =>
        {
            using var closed = await colleague.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/status", new { status = "closed" });
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            await route.ContinueAsync();
        });
        await page.GetByLabel("Nuovo stato").SelectOptionAsync("in_progress");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambia stato" }).ClickAsync();

        await Expect(page.Locator("#ticket-error")).ToHaveTextAsync("Il ticket non può passare a questo stato: forse è cambiato nel frattempo.");
        await Expect(ticket).ToHaveAttributeAsync("data-status", "closed");
        await Expect(page.Locator("#ticket-status-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#ticket-closed-hint")).ToBeVisibleAsync();
        await Expect(item.Locator(".ticket-state")).ToHaveTextAsync("Chiuso");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Risposta al cliente" })).ToBeDisabledAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.lucineXss === undefined"));
    }

    [Fact]
    public async Task The_list_pages_filters_updates_in_real_time_and_alerts_the_assignee()
    {
        var giulia = await StaffDesk.LoginAsync(staff.Host.Http);
        var numbers = new List<string>();
        for (var i = 0; i < 26; i++)
        {
            numbers.Add(await OperatorOpensAsync(giulia, i == 3 ? "Cancello bloccato" : $"Richiesta numero {i}", i == 7 ? "urgent" : "medium"));
        }

        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await Expect(page.Locator("#realtime")).ToHaveAttributeAsync("data-state", "connected");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Ticket" }).ClickAsync();

        // Newest first, one page of 25, then the rest.
        var items = page.Locator("#tickets li");
        await Expect(items).ToHaveCountAsync(25);
        await Expect(items.First).ToHaveAttributeAsync("data-number", numbers[^1]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Carica altri" }).ClickAsync();
        await Expect(items).ToHaveCountAsync(26);
        await Expect(items.Last).ToHaveAttributeAsync("data-number", numbers[0]);

        // Each filter narrows the list at once; the text on Enter.
        await page.Locator("#filter-priority").SelectOptionAsync("urgent");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.First).ToHaveAttributeAsync("data-number", numbers[7]);
        await Expect(items.First.Locator(".ticket-priority")).ToHaveTextAsync("Urgente");
        await page.Locator("#filter-priority").SelectOptionAsync(string.Empty);
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Cerca" }).FillAsync("cancello");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Cerca" }).PressAsync("Enter");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.First).ToHaveAttributeAsync("data-number", numbers[3]);
        await page.Locator("#filter-status").SelectOptionAsync("closed");
        await Expect(page.Locator("#tickets-empty")).ToBeVisibleAsync();
        await Expect(items).ToHaveCountAsync(0);
        await page.Locator("#filter-status").SelectOptionAsync(string.Empty);
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Cerca" }).FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Cerca" }).PressAsync("Enter");
        await Expect(items).ToHaveCountAsync(25);

        // A ticket opened elsewhere appears on top by itself.
        var fresh = await OperatorOpensAsync(giulia, "Appena arrivato", "high");
        await Expect(items.First).ToHaveAttributeAsync("data-number", fresh);

        // A colleague gives Giulia a ticket: she is told, and it is the only one that is hers.
        var marco = await giulia.HireAsync("marco");
        using (var assigned = await marco.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{numbers[5]}/assign", new { assignee = "admin" }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        await Expect(page.Locator(".toast.alert").Filter(new() { HasText = $"Ticket {numbers[5]}: assegnato a te." })).ToBeVisibleAsync();
        await Expect(page.Locator("#tickets-alerts")).ToHaveTextAsync("1");
        var mine = page.Locator($"#tickets li[data-number='{numbers[5]}']");
        await Expect(mine).ToHaveClassAsync(new Regex(@"\bhas-alert\b"));
        await Expect(mine.Locator(".item-meta")).ToContainTextAsync("assegnato a admin");
        await page.GetByLabel("Solo i miei").CheckAsync();
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.First).ToHaveAttributeAsync("data-number", numbers[5]);

        // Looking at it settles the alert; giving it back is one click.
        await mine.Locator(".item-open").ClickAsync();
        await Expect(page.Locator("#tickets-alerts")).ToBeHiddenAsync();
        await Expect(page.Locator("#ticket-facts")).ToContainTextAsync("Assegnato aadmin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rimuovi assegnazione" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Assegna a me" })).ToBeVisibleAsync();
        await Expect(page.Locator("#tickets-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_operator_opens_a_ticket_from_the_live_chat_and_finds_its_transcript()
    {
        var giulia = await StaffDesk.LoginAsync(staff.Host.Http);
        await giulia.SetAvailabilityAsync("online");
        var visitor = new Visitor(staff.Host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        var escalated = await visitor.PressAsync("request_operator");
        Assert.Equal(Lucine.Domain.Sessions.SessionStatus.WithOperator, escalated.Status);

        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        var chat = page.Locator($"#chats li[data-session-id='{visitor.SessionId}']");
        await chat.Locator(".item-open").ClickAsync();
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-status", "with_operator");

        await page.GetByRole(AriaRole.Button, new() { Name = "Apri ticket" }).ClickAsync();

        await Expect(page.GetByLabel("Oggetto")).ToHaveValueAsync("voglio parlare con un operatore");
        await page.GetByLabel("Nome del cliente").FillAsync("Luca Bianchi");
        await page.GetByLabel("Email o cellulare").FillAsync("333 765 4321");
        await page.GetByLabel("Canale").SelectOptionAsync("sms");
        await page.Locator("#ticket-form-priority").SelectOptionAsync("high");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apri il ticket" }).ClickAsync();

        await Expect(page.Locator(".toast").Filter(new() { HasTextRegex = new Regex(@"^Ticket LUC-\d{4}-\d{6} aperto: lo trovi nella sezione Ticket\.") })).ToBeVisibleAsync();
        await Expect(page.Locator("#ticket-form")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Ticket" }).ClickAsync();

        await Expect(page.Locator("#ticket-subject")).ToHaveTextAsync("voglio parlare con un operatore");
        await Expect(page.Locator("#ticket-priority")).ToHaveTextAsync("Alta");
        await Expect(page.Locator("#ticket-facts")).ToContainTextAsync("SMS · +393337654321");
        await Expect(page.Locator("#ticket-facts")).ToContainTextAsync("Aperto da un operatore · chat " + visitor.SessionId![..8]);
        await Expect(page.Locator("#ticket-transcript-title")).ToHaveTextAsync(new Regex(@"^Conversazione in chat \(\d+ messaggi\)$"));
        await page.Locator("#ticket-transcript-title").ClickAsync();
        await Expect(page.Locator("#ticket-transcript .msg.visitor .text").First).ToHaveTextAsync("voglio parlare con un operatore");
        var number = await page.Locator("#ticket-number").TextContentAsync();
        await Expect(page.Locator($"#tickets li[data-number='{number}']")).ToHaveClassAsync(new Regex(@"\bis-open\b"));
    }

    /// <summary>A customer's contact form, through the public API.</summary>
    private async Task<JsonElement> CustomerOpensAsync(string name, string contact, string message)
    {
        using var response = await staff.Host.Http.PostAsJsonAsync("/api/tickets", new { name, contact, message });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/tickets: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<string> OperatorOpensAsync(StaffDesk desk, string subject, string priority)
    {
        using var response = await desk.SendAsync(HttpMethod.Post, "/api/operator/tickets", new { name = "Anna Verdi", contact = "anna.verdi@example.com", subject, priority });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/operator/tickets: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("number").GetString()!;
    }

    private async Task<JsonElement> CustomerReadsAsync(string number, string accessCode)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/{number}");
        request.Headers.Add("X-Ticket-Access", accessCode);
        using var response = await staff.Host.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/tickets/{number}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
