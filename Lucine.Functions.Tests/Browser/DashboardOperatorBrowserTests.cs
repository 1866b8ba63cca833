using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The operator console, as an operator uses it, against a real app whose first admin comes from
/// configuration, while visitors talk to the same app over HTTP; realtime through Lucine's own hub or
/// through Azure SignalR Service's stand-in, the same tests for both.
/// </summary>
public abstract class DashboardOperatorBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Username = "admin";
    private const string Password = "Lucine-browser-test-password-7f3c9a2e41d8";
    private const string DisplayName = "Giulia";

    private LucineHost host = null!;
    private IBrowserContext context = null!;
    private SignalRServiceStandIn? service;

    /// <summary>Through Azure SignalR Service (its stand-in) rather than Lucine's own hub.</summary>
    protected abstract bool ThroughService { get; }

    public async Task InitializeAsync()
    {
        service = ThroughService ? await SignalRServiceStandIn.StartAsync() : null;

        // Its own app (own tables) on the collection's Azurite, with the first admin configured.
        var storage = browser.Host.App.Configuration["Storage:ConnectionString"]
            ?? throw new InvalidOperationException("The browser fixture's host has no storage connection string.");
        host = await LucineHost.StartAsync(storage, settings =>
        {
            settings["SignalR:ConnectionString"] = service?.ConnectionString;
            settings["Operators:Bootstrap:Username"] = Username;
            settings["Operators:Bootstrap:Password"] = Password;
            settings["Operators:Bootstrap:DisplayName"] = DisplayName;

            // One chat at a time: a second visitor has to wait in the queue while the first is served.
            // (With the only operator away, nobody counts as online and a visitor is offered a ticket instead.)
            settings["Operators:DefaultCapacity"] = "1";
        });
        service?.Upstream = host.BaseAddress;
        context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), Locale = BrowserFixture.StaffLocale });
    }

    public async Task DisposeAsync()
    {
        await context.CloseAsync();
        await host.DisposeAsync();
        if (service is not null)
        {
            await service.DisposeAsync();
            Assert.Empty(service.Refusals);
        }
    }

    private async Task<IPage> LogInAsync(List<string> dialogs)
    {
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await page.GotoAsync("/dashboard/");
        await page.Locator("#login-form").GetByLabel("Nome utente").FillAsync(Username);
        await page.Locator("#login-form").GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        await Expect(page.Locator("#me-name")).ToHaveTextAsync(DisplayName);
        return page;
    }

    private async Task<JsonElement> VisitorReadsAsync(string sessionId, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/chat/{sessionId}/messages?limit=200");
        request.Headers.Add("X-Session-Token", token);
        var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET messages: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_problem_and_keeps_the_login()
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard/");

        await page.Locator("#login-form").GetByLabel("Nome utente").FillAsync(Username);
        await page.Locator("#login-form").GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();

        await Expect(page.Locator("#login-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#login-error")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#console")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('lucine.operator.v1')"));
    }

    [Fact]
    public async Task An_operator_takes_a_queued_chat_and_talks_with_the_visitor_in_real_time()
    {
        const string Reply = "Eccomi! <img src=x onerror=alert(1)> Come posso aiutarti?";
        const string VisitorFollowUp = "Grazie! Il biglietto vale anche domani?";
        const string Note = "Visitatore gentile, biglietto del 20/12";
        var dialogs = new List<string>();

        // The operator (capacity 1) logs in, goes online and is connected in real time.
        var page = await LogInAsync(dialogs);
        await Expect(page.Locator("#me-role")).ToHaveTextAsync("Amministratore");
        await StaffBrowser.SetAvailabilityAsync(page, "online");
        await Expect(page.Locator("#realtime")).ToHaveAttributeAsync("data-state", "connected");

        // A first visitor asks for a person and is given to the operator at once: the console is told.
        var (firstId, _) = await VisitorOverHttp.AsksForAPersonAsync(host.Http, "voglio parlare con un operatore", expectedStatus: "with_operator");
        var firstChat = page.Locator($"#chats li[data-session-id='{firstId}']");
        await Expect(firstChat).ToBeVisibleAsync();
        await Expect(firstChat).ToHaveClassAsync(new Regex(@"\bis-new\b"));
        await Expect(page.Locator("#me-load")).ToHaveTextAsync("Chat 1 / 1");

        // A second visitor waits in the queue, which the console shows through the hub.
        var (sessionId, token) = await VisitorOverHttp.AsksForAPersonAsync(host.Http, "voglio parlare con un operatore", expectedStatus: "queued");
        var queued = page.Locator($"#queue li[data-session-id='{sessionId}']");
        await Expect(queued).ToBeVisibleAsync();
        await Expect(queued.Locator(".position")).ToHaveTextAsync("#1");

        // At capacity, taking it is refused, and the console says why in its own words.
        await queued.GetByRole(AriaRole.Button, new() { Name = "Prendi" }).ClickAsync();
        await Expect(page.Locator(".toast.error")).ToContainTextAsync("chiudine o rimettine in coda una prima");

        // Away (so the queue is not routed to the operator), the first chat is closed as resolved.
        await StaffBrowser.SetAvailabilityAsync(page, "away");
        await firstChat.Locator(".item-open").ClickAsync();
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-status", "with_operator");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chiudi…" }).ClickAsync();
        await page.GetByLabel("Esito").SelectOptionAsync("resolved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chiudi la chat" }).ClickAsync();
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-status", "ended");
        await Expect(firstChat).ToHaveCountAsync(0);
        await Expect(page.Locator("#me-load")).ToHaveTextAsync("Chat 0 / 1");

        // Now the operator takes the waiting chat and reads its history.
        await queued.GetByRole(AriaRole.Button, new() { Name = "Prendi" }).ClickAsync();
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-session-id", sessionId);
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-status", "with_operator");
        await Expect(page.Locator($"#chats li[data-session-id='{sessionId}']")).ToBeVisibleAsync();
        await Expect(queued).ToHaveCountAsync(0);
        await Expect(page.Locator(".msg.visitor .text").First).ToHaveTextAsync("voglio parlare con un operatore");

        // Markup in a reply is sent and shown as text, never as markup.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Risposta al visitatore" }).FillAsync(Reply);
        await page.GetByRole(AriaRole.Button, new() { Name = "Invia" }).ClickAsync();

        var sent = page.Locator(".msg.operator .text").Filter(new() { HasText = "Come posso aiutarti?" });
        await Expect(sent).ToHaveTextAsync(Reply);
        await Expect(page.Locator(".msg.operator .author").Last).ToHaveTextAsync(DisplayName);
        await Expect(page.Locator("img[src='x']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Risposta al visitatore" })).ToBeEmptyAsync();

        var history = await VisitorReadsAsync(sessionId, token);
        var reply = Assert.Single(history.GetProperty("messages").EnumerateArray(), m => m.GetProperty("sender").GetString() == "operator");
        Assert.Equal(Reply, reply.GetProperty("text").GetString());
        Assert.Equal(DisplayName, reply.GetProperty("author").GetString());

        // What the visitor writes next reaches the open chat through the hub.
        await VisitorOverHttp.PostAsync(host.Http, new { message = VisitorFollowUp, sessionId }, token);
        await Expect(page.Locator(".msg.visitor .text").Last).ToHaveTextAsync(VisitorFollowUp);
        await Expect(page.Locator("#realtime")).ToHaveAttributeAsync("data-state", "connected");

        // An internal note is shown as such to the operator and never reaches the visitor.
        await page.GetByRole(AriaRole.Button, new() { Name = "Nota interna" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Nota interna" }).FillAsync(Note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva nota" }).ClickAsync();

        var note = page.Locator(".msg.note");
        await Expect(note.Locator(".text")).ToHaveTextAsync(Note);
        await Expect(note.Locator(".note-label")).ToHaveTextAsync("Nota interna");
        var afterNote = await VisitorReadsAsync(sessionId, token);
        Assert.DoesNotContain(afterNote.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains(Note, StringComparison.Ordinal));

        Assert.Empty(dialogs);
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardOperatorOnHubBrowserTests(BrowserFixture browser) : DashboardOperatorBrowserTests(browser)
{
    protected override bool ThroughService => false;
}

[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardOperatorThroughServiceBrowserTests(BrowserFixture browser) : DashboardOperatorBrowserTests(browser)
{
    protected override bool ThroughService => true;
}
