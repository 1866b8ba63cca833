using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The operator's desk: notices while the console is not in view (browser notifications, the count
/// in the title, each switchable), several chats at once (drafts, unread badges), and the small
/// things the console used to get wrong. Each test has its own Lucine (first admin Giulia) on the
/// browser collection's Azurite; visitors, customers and other operators act over HTTP meanwhile.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardDeskBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Title = "Lucine · Console operatori";

    /// <summary>
    /// The page is told when it is in view through <c>window.lucineInView</c>, and every
    /// notification it makes is recorded in <c>window.lucineNotifications</c> (the real constructor
    /// is never called: headless Chromium has nowhere to show one).
    /// </summary>
    private const string NotificationProbe = """
        (() => {
          window.lucineInView = true;
          window.lucineNotifications = [];
          Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (window.lucineInView ? 'visible' : 'hidden') });
          Document.prototype.hasFocus = () => window.lucineInView;
          const Real = window.Notification;
          window.Notification = class {
            constructor(title, options) {
              this.title = title;
              this.body = options && options.body;
              this.tag = options && options.tag;
              this.onclick = null;
              window.lucineNotifications.push(this);
            }
            close() {}
            static get permission() { return Real.permission; }
            static requestPermission() { return Real.requestPermission(); }
          };
        })();
        """;

    private StaffBrowser staff = null!;

    public async Task InitializeAsync() => staff = await StaffBrowser.StartAsync(browser);

    public async Task DisposeAsync() => await staff.DisposeAsync();

    [Fact]
    public async Task An_assigned_chat_notifies_a_console_out_of_view_with_the_visitors_words_and_the_count_in_the_title_until_switched_off()
    {
        const string Words = "Il mio biglietto non funziona al tornello";
        await staff.Context.GrantPermissionsAsync(["notifications"]);
        await staff.Context.AddInitScriptAsync(NotificationProbe);
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await StaffBrowser.SetAvailabilityAsync(page, "online");
        await Expect(page.Locator("#realtime")).ToHaveAttributeAsync("data-state", "connected");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preferenze" }).ClickAsync();
        var panel = page.Locator("#preferences");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.GetByLabel("Una chat assegnata a me")).ToBeCheckedAsync();
        await Expect(panel.GetByLabel("Suono")).ToBeCheckedAsync();
        await Expect(page.Locator("#preferences-permission")).ToHaveAttributeAsync("data-permission", "granted");
        await Expect(page.Locator("#preferences-allow")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(panel, "preferences-panel.png");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Chiudi" }).ClickAsync();
        await Expect(panel).ToBeHiddenAsync();

        // Out of view, a chat given to the operator is a notification with the visitor's words.
        await page.EvaluateAsync("() => { window.lucineInView = false; }");
        var (sessionId, _) = await VisitorOverHttp.AsksForAPersonAsync(staff.Host.Http, Words, "with_operator");

        await page.WaitForFunctionAsync("() => window.lucineNotifications.length === 1");
        var shown = await page.EvaluateAsync<JsonElement>("() => ({ ...window.lucineNotifications[0], onclick: null })");
        Assert.Equal("Chat assegnata a te", shown.GetProperty("title").GetString());
        Assert.Contains(Words, shown.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("chat-" + sessionId, shown.GetProperty("tag").GetString());
        await Expect(page).ToHaveTitleAsync("(1) " + Title);

        // A click on it opens the chat; back in view, nothing is counted any more.
        await page.EvaluateAsync("() => { window.lucineInView = true; window.lucineNotifications[0].onclick(); window.dispatchEvent(new Event('focus')); }");
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-session-id", sessionId);
        await Expect(page).ToHaveTitleAsync(Title);

        // Switched off (kept in this browser, the server having no preferences yet), and remembered.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preferenze" }).ClickAsync();
        await panel.GetByLabel("Una chat assegnata a me").UncheckAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("Preferenze salvate.");
        await page.ReloadAsync();
        await Expect(page.Locator("#me")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preferenze" }).ClickAsync();
        await Expect(panel.GetByLabel("Una chat assegnata a me")).Not.ToBeCheckedAsync();
        await Expect(panel.GetByLabel("Avvisi sui ticket")).ToBeCheckedAsync();
        await Expect(page.Locator("#realtime")).ToHaveAttributeAsync("data-state", "connected");

        // The next chat given out of view is counted, but nobody is interrupted.
        await page.EvaluateAsync("() => { window.lucineInView = false; }");
        var (second, _) = await VisitorOverHttp.AsksForAPersonAsync(staff.Host.Http, "Un'altra domanda sul parcheggio", "with_operator");
        await Expect(page).ToHaveTitleAsync("(1) " + Title);
        await Expect(page.Locator($"#chats li[data-session-id='{second}']")).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.lucineNotifications.length"));
    }

    [Fact]
    public async Task Each_chat_keeps_its_draft_and_the_others_show_their_unread_messages_until_opened()
    {
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await StaffBrowser.SetAvailabilityAsync(page, "online");
        await Expect(page.Locator("#realtime")).ToHaveAttributeAsync("data-state", "connected");
        var (first, _) = await VisitorOverHttp.AsksForAPersonAsync(staff.Host.Http, "Prima visitatrice: orari di apertura?", "with_operator");
        var (second, secondToken) = await VisitorOverHttp.AsksForAPersonAsync(staff.Host.Http, "Secondo visitatore: si può entrare con il cane?", "with_operator");
        var firstItem = page.Locator($"#chats li[data-session-id='{first}']");
        var secondItem = page.Locator($"#chats li[data-session-id='{second}']");
        var composer = page.Locator("#composer-text");

        await firstItem.Locator(".item-open").ClickAsync();
        await Expect(composer).ToBeEnabledAsync();
        await composer.FillAsync("Apriamo alle 17:30, e");
        await secondItem.Locator(".item-open").ClickAsync();
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-session-id", second);
        await Expect(composer).ToBeEmptyAsync();
        await composer.FillAsync("Sì, al guinzaglio");
        await firstItem.Locator(".item-open").ClickAsync();
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-session-id", first);
        await Expect(composer).ToHaveValueAsync("Apriamo alle 17:30, e");

        // The chat not on screen counts what its visitor writes.
        await VisitorOverHttp.PostAsync(staff.Host.Http, new { message = "Ci siete?", sessionId = second }, secondToken);
        await VisitorOverHttp.PostAsync(staff.Host.Http, new { message = "Anche un cane grande?", sessionId = second }, secondToken);
        await Expect(secondItem.Locator(".unread-count")).ToHaveTextAsync("2");
        await Expect(secondItem.Locator(".unread-count")).ToBeVisibleAsync();
        await Expect(firstItem.Locator(".unread-count")).ToBeHiddenAsync();
        await Expect(page).ToHaveTitleAsync("(2) " + Title);
        await Screenshots.SaveAsync(page.Locator("#view-chats .side"), "my-chats-with-unread-badges.png");

        await secondItem.Locator(".item-open").ClickAsync();
        await Expect(secondItem.Locator(".unread-count")).ToBeHiddenAsync();
        await Expect(page).ToHaveTitleAsync(Title);
        await Expect(composer).ToHaveValueAsync("Sì, al guinzaglio");
        await Expect(page.Locator(".msg.visitor .text").Last).ToHaveTextAsync("Anche un cane grande?");
    }

    [Fact]
    public async Task A_manual_take_is_told_once_and_a_transfer_closes_the_chat_it_gave_away()
    {
        var admin = await StaffDesk.LoginAsync(staff.Host.Http);
        await admin.HireAsync("marco", capacity: 1);
        await VisitorOverHttp.AsksForAPersonAsync(staff.Host.Http, "Il primo visitatore va a Marco", "with_operator");
        var (waiting, token) = await VisitorOverHttp.AsksForAPersonAsync(staff.Host.Http, "Aspetto in coda", "queued");
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await StaffBrowser.SetAvailabilityAsync(page, "away");
        await Expect(page.Locator("#realtime")).ToHaveAttributeAsync("data-state", "connected");

        var queued = page.Locator($"#queue li[data-session-id='{waiting}']");
        await queued.GetByRole(AriaRole.Button, new() { Name = "Prendi" }).ClickAsync();
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-status", "with_operator");

        // The visitor's next words come through the hub after the take's own "assigned" event.
        await VisitorOverHttp.PostAsync(staff.Host.Http, new { message = "Grazie per avermi preso", sessionId = waiting }, token);
        await Expect(page.Locator(".msg.visitor .text").Last).ToHaveTextAsync("Grazie per avermi preso");
        await Expect(page.Locator(".toast").Filter(new() { HasText = "Chat presa in carico." })).ToHaveCountAsync(1);
        await Expect(page.Locator(".toast").Filter(new() { HasText = "Chat assegnata a te." })).ToHaveCountAsync(0);

        await admin.HireAsync("sara");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trasferisci" }).ClickAsync();
        await page.Locator("#transfer-operator").SelectOptionAsync("sara");
        await page.Locator("#transfer-form").GetByRole(AriaRole.Button, new() { Name = "Trasferisci" }).ClickAsync();

        await Expect(page.Locator(".toast").Filter(new() { HasText = "Chat trasferita a sara: non è più tua." })).ToBeVisibleAsync();
        // Toasts stand clear of the side lists.
        var toasts = (await page.Locator("#toasts").BoundingBoxAsync())!;
        var side = (await page.Locator("#view-chats .side").BoundingBoxAsync())!;
        Assert.True(toasts.X >= side.X + side.Width, $"toasts at x={toasts.X}, side lists up to x={side.X + side.Width}");
        await Screenshots.SaveAsync(page.Locator("body"), "console-after-a-transfer.png");
        await Expect(page.Locator("#chat-body")).ToBeHiddenAsync();
        await Expect(page.Locator("#chat-placeholder")).ToBeVisibleAsync();
        await Expect(page.Locator($"#chats li[data-session-id='{waiting}']")).ToHaveCountAsync(0);
        var history = await admin.HistoryAsync(waiting);
        Assert.Equal("sara", history.Operator?.Username);
    }

    [Fact]
    public async Task At_375_px_every_tab_is_in_sight_initials_are_letters_and_toasts_can_be_dismissed()
    {
        var admin = await StaffDesk.LoginAsync(staff.Host.Http);
        var created = await admin.SendAsync(HttpMethod.Post, "/api/operators",
            new { username = "locale", displayName = "Admin (local)", password = StaffDesk.AdminPassword, role = "admin", capacity = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var page = await staff.LogInAsync("locale");
        await page.SetViewportSizeAsync(375, 740);

        await Expect(page.Locator("#me-avatar")).ToHaveTextAsync("AL");
        foreach (var name in new[] { "Chat", "Ticket", "Messaggi in uscita (sink)", "Base di conoscenza" })
        {
            var tab = page.GetByRole(AriaRole.Tab, new() { Name = name });
            await Expect(tab).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        await Screenshots.SaveAsync(page.Locator("body"), "console-at-375-px.png");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Base di conoscenza" }).ClickAsync();
        await Expect(page.Locator("#view-knowledge")).ToBeVisibleAsync();

        await page.GetByLabel("Disponibilità").SelectOptionAsync("away");
        var toast = page.Locator(".toast").Filter(new() { HasText = "Disponibilità: Assente" });
        await Expect(toast).ToBeVisibleAsync();
        await toast.GetByRole(AriaRole.Button, new() { Name = "Chiudi avviso" }).ClickAsync();
        await Expect(toast).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_tickets_history_reads_in_words_and_Enter_sends_its_reply()
    {
        using var opened = await staff.Host.Http.PostAsJsonAsync("/api/tickets",
            new { name = "Carla Neri", contact = "carla.neri@example.com", message = "Ho pagato due volte il parcheggio" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var number = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("number").GetString()!;
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Ticket" }).ClickAsync();
        await page.Locator($"#tickets li[data-number='{number}'] .item-open").ClickAsync();
        await Expect(page.Locator("#ticket")).ToHaveAttributeAsync("data-status", "open");

        // Shift+Enter starts a new line; Enter sends, as in the chat.
        var text = page.GetByRole(AriaRole.Textbox, new() { Name = "Risposta al cliente" });
        await Expect(text).ToHaveAttributeAsync("placeholder", new Regex("Invio per inviare"));
        await text.FillAsync("Gentile Carla,");
        await text.PressAsync("Shift+Enter");
        await text.PressSequentiallyAsync("le rimborsiamo il secondo pagamento.");
        await Expect(text).ToHaveValueAsync("Gentile Carla,\nle rimborsiamo il secondo pagamento.");
        await text.PressAsync("Enter");
        await Expect(page.Locator(".entry.reply .text")).ToContainTextAsync("le rimborsiamo il secondo pagamento.");
        await Expect(text).ToBeEmptyAsync();
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("In lavorazione");

        await page.Locator("#ticket-new-priority").SelectOptionAsync("high");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambia priorità" }).ClickAsync();
        await Expect(page.Locator("#ticket-priority")).ToHaveTextAsync("Alta");

        var events = page.Locator(".entry.event .text");
        await Expect(events.Filter(new() { HasText = "Stato:" })).ToHaveTextAsync("Stato: Aperto → In lavorazione.");
        await Expect(events.Filter(new() { HasText = "Modificato:" })).ToHaveTextAsync("Modificato: priorità media → alta.");
        await Expect(events.Filter(new() { HasText = "Ticket aperto" })).ToHaveTextAsync("Ticket aperto (modulo web), priorità media.");
        await Expect(page.Locator("#ticket-entries")).Not.ToContainTextAsync(new Regex("in_progress|medium|\\bopen\\b"));
    }
}
