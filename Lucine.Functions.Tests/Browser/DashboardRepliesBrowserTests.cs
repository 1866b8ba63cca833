using Lucine.Domain.Sessions;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;
using Lucine.Functions.Tests.Replies;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// Canned replies in the console: a supervisor writes them on their page (the server's refusals next
/// to the fields), and operators insert them with "/" in a live chat and in a ticket reply, in the
/// conversation's language with the placeholders filled. Each test has its own Lucine (first admin
/// Giulia) on the browser collection's Azurite; visitors and customers act over HTTP.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardRepliesBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private StaffBrowser staff = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        staff = await StaffBrowser.StartAsync(browser);
        admin = await StaffDesk.LoginAsync(staff.Host.Http);
    }

    public async Task DisposeAsync() => await staff.DisposeAsync();

    [Fact]
    public async Task A_supervisor_writes_a_reply_and_an_operator_inserts_it_in_English_in_a_live_chat_with_part_of_its_shortcut()
    {
        const string Title = "Benvenuto <img src=x onerror=window.lucineXss=1>";
        await admin.HireAsync("renna", role: "supervisor", availability: "offline");
        await admin.HireAsync("elfo");
        var page = await staff.LogInAsync("renna");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Risposte rapide" }).ClickAsync();
        await Expect(page.Locator("#view-replies .empty")).ToBeVisibleAsync();

        // The server's refusal is shown next to each field it is about, and nothing is saved.
        await page.GetByLabel("Titolo").FillAsync(Title);
        await page.GetByLabel("Scorciatoia (senza /)").FillAsync("Benvenuto!");
        await page.GetByLabel("Testo in italiano").FillAsync("Ciao {visitor_name}, sono {operator_name}: come posso aiutarti?");
        await page.GetByLabel("Testo in inglese").FillAsync("Hi {visitor}, I'm {operator_name}: how can I help?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva risposta" }).ClickAsync();

        // In the console's language, from the errors' codes (the server's sentences are English).
        await Expect(page.Locator("#reply-shortcut-error")).ToContainTextAsync("tra a-z, 0-9 e «-»");
        await Expect(page.Locator("#reply-text-en-error")).ToContainTextAsync("Il segnaposto {visitor} non esiste");
        await Expect(page.Locator("#reply-shortcut")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#reply-title-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#reply-text-it-error")).ToBeHiddenAsync();
        Assert.Empty(await new ReplyDesk(staff.Host.Http, admin.Token).ListAsync());

        await page.GetByLabel("Scorciatoia (senza /)").FillAsync("benvenuto");
        await page.GetByLabel("Testo in inglese").FillAsync("Hi {visitor_name}, I'm {operator_name}: how can I help?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva risposta" }).ClickAsync();

        var item = page.Locator("#replies-list li[data-shortcut='benvenuto']");
        await Expect(item.Locator(".reply-title")).ToHaveTextAsync(Title);
        await Expect(item.Locator(".reply-text[lang='en']")).ToHaveTextAsync("EN Hi {visitor_name}, I'm {operator_name}: how can I help?");
        await Expect(page.Locator("#reply-shortcut-error")).ToBeHiddenAsync();
        await Expect(page.GetByLabel("Titolo")).ToBeEmptyAsync();
        await new ReplyDesk(staff.Host.Http, admin.Token).CreateAsync(ReplyDesk.Body("benvenuto-sera", title: "Buonasera", it: "Buonasera!", en: "Good evening!"));
        await Screenshots.SaveAsync(page, "replies-page");
        Assert.True(await page.EvaluateAsync<bool>("() => window.lucineXss === undefined"));

        // An English-speaking visitor asks for a person and gets the only operator online.
        var visitor = new Visitor(staff.Host.Http);
        await visitor.SayAsync("How much is a ticket?");
        Assert.Equal(SessionStatus.WithOperator, (await visitor.PressAsync("request_operator")).Status);
        var sessionId = visitor.SessionId;
        var console = await staff.LogInAsync("elfo");
        await Expect(console.GetByRole(AriaRole.Tab, new() { Name = "Risposte rapide" })).ToBeHiddenAsync();
        await console.Locator($"#chats li[data-session-id='{sessionId}'] .item-open").ClickAsync();
        await Expect(console.Locator("#chat-meta")).ToContainTextAsync("EN");
        var composer = console.GetByRole(AriaRole.Textbox, new() { Name = "Risposta al visitatore" });

        // "/benv" lists both replies; the arrows move, Enter picks, and nothing is sent yet.
        await composer.PressSequentiallyAsync("/benv");
        var picker = console.GetByRole(AriaRole.Listbox, new() { Name = "Risposte rapide" });
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveTextAsync(["/benvenuto" + Title, "/benvenuto-seraBuonasera"]);
        await Expect(picker.GetByRole(AriaRole.Option, new() { Selected = true })).ToContainTextAsync("/benvenuto");
        await composer.PressAsync("ArrowDown");
        await Expect(composer).ToHaveAttributeAsync("aria-activedescendant", "composer-text-replies-1");
        await Screenshots.SaveAsync(console, "replies-picker");
        await composer.PressAsync("ArrowUp");
        await composer.PressAsync("Enter");

        await Expect(composer).ToHaveValueAsync("Hi, I'm Op elfo: how can I help?");
        await Expect(picker).ToBeHiddenAsync();
        await Expect(composer).Not.ToHaveAttributeAsync("aria-activedescendant", new System.Text.RegularExpressions.Regex("."));
        await Expect(console.Locator(".msg.operator")).ToHaveCountAsync(0);

        // The operator may still edit it; Enter now sends it, and the visitor gets it.
        await composer.PressAsync("End");
        await composer.PressSequentiallyAsync(" :)");
        await composer.PressAsync("Enter");

        await Expect(console.Locator(".msg.operator .text")).ToHaveTextAsync("Hi, I'm Op elfo: how can I help? :)");
        Assert.Contains((await visitor.MessagesAsync()).Messages, m =>
            m.Sender == MessageSender.Operator && m.Text == "Hi, I'm Op elfo: how can I help? :)");
    }

    [Fact]
    public async Task In_a_ticket_reply_a_reply_is_picked_with_the_mouse_with_the_customers_name_and_the_ticket_number_and_Escape_closes_the_list()
    {
        var desk = new ReplyDesk(staff.Host.Http, admin.Token);
        await desk.CreateAsync(ReplyDesk.Body("ritrovato", title: "Oggetto ritrovato",
            it: "Gentile {visitor_name}, per il ticket {ticket_number} abbiamo ritrovato l'oggetto. {operator_name}",
            en: "Dear {visitor_name}, about ticket {ticket_number}: we found it. {operator_name}"));
        await desk.CreateAsync(ReplyDesk.Body("orari", title: "Orari", it: "Apriamo alle 17.", en: "We open at 5 pm."));
        using var created = await staff.Host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria Rossi", contact = "maria.rossi@example.com", message = "Ho perso il cappello ieri sera" });
        var number = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("number").GetString()!;
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Ticket" }).ClickAsync();
        await page.Locator($"#tickets li[data-number='{number}'] .item-open").ClickAsync();
        var composer = page.GetByRole(AriaRole.Textbox, new() { Name = "Risposta al cliente" });
        var picker = page.GetByRole(AriaRole.Listbox, new() { Name = "Risposte rapide" });

        // Escape closes the list, and it stays closed while that "/" is being typed.
        await Expect(page.Locator("#ticket-facts")).ToContainTextAsync("Maria Rossi");
        await composer.PressSequentiallyAsync("/");
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveTextAsync(["/orariOrari", "/ritrovatoOggetto ritrovato"]);
        await composer.PressAsync("Escape");
        await Expect(picker).ToBeHiddenAsync();
        await composer.PressSequentiallyAsync("ora");
        await Expect(composer).ToHaveValueAsync("/ora");
        await Expect(picker).ToBeHiddenAsync();

        // A new "/" opens it again; "ogget" matches a title; a click inserts it.
        await composer.PressAsync("Control+A");
        await composer.PressAsync("Delete");
        await composer.PressSequentiallyAsync("Grazie. /ogget");
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveTextAsync(["/ritrovatoOggetto ritrovato"]);
        await picker.GetByRole(AriaRole.Option).ClickAsync();

        await Expect(composer).ToHaveValueAsync($"Grazie. Gentile Maria Rossi, per il ticket {number} abbiamo ritrovato l'oggetto. Giulia");
        await Expect(composer).ToBeFocusedAsync();
        await Screenshots.SaveAsync(page, "replies-picker-ticket");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invia risposta" }).ClickAsync();

        await Expect(page.Locator("#ticket-entries li[data-kind='reply'] .text")).ToHaveTextAsync(
            $"Grazie. Gentile Maria Rossi, per il ticket {number} abbiamo ritrovato l'oggetto. Giulia");
    }
}
