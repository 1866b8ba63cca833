using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The chat widget with live operators: a visitor asks for a person, an operator (driven through the
/// operator API) answers, and the widget shows it, pushed by SignalR or, when realtime is blocked,
/// by polling. Each test has its own Lucine (with its first admin, Giulia) on the browser
/// collection's Azurite, so operators' capacity and the queue start empty every time. Realtime is
/// Lucine's own hub (standalone) or Azure SignalR Service's stand-in (as on Azure): the same tests for both.
/// </summary>
public abstract class WidgetLiveChatBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string OperatorPassword = "lucine-browser-test-password-2025";

    /// <summary>The widget polls every 3 s: an assertion on a polled message waits longer than that.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Polled = new() { Timeout = 15_000 };

    private readonly List<IBrowserContext> contexts = [];

    private LucineHost host = null!;
    private SignalRServiceStandIn? service;

    /// <summary>Through Azure SignalR Service (its stand-in) rather than Lucine's own hub.</summary>
    protected abstract bool ThroughService { get; }

    public async Task InitializeAsync()
    {
        service = ThroughService ? await SignalRServiceStandIn.StartAsync() : null;

        // The browser collection's own host knows where its Azurite is; this host gets its own tables there.
        var storage = browser.Host.Services.GetRequiredService<IConfiguration>()["Storage:ConnectionString"]!;
        host = await LucineHost.StartAsync(storage, settings =>
        {
            settings["SignalR:ConnectionString"] = service?.ConnectionString;
            settings["Operators:Bootstrap:Username"] = "admin";
            settings["Operators:Bootstrap:Password"] = OperatorPassword;
            settings["Operators:Bootstrap:DisplayName"] = "Giulia";

            // One chat at a time: a second visitor has to queue.
            settings["Operators:DefaultCapacity"] = "1";
        });
        service?.Upstream = host.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        await host.DisposeAsync();
        if (service is not null)
        {
            await service.DisposeAsync();

            // Every token Lucine signed, the browsers' and each REST call's, passed the service's checks.
            Assert.Empty(service.Refusals);
        }
    }

    [Fact]
    public async Task The_operator_takes_the_chat_at_once_and_their_message_is_pushed_and_shown_as_text()
    {
        const string Answer = "<b>ciao</b> sono Giulia, come posso aiutarti?";
        var giulia = await OperatorOnlineAsync();
        var page = await OpenChatAsync();
        await SendAsync(page, "voglio parlare con un operatore");
        var request = page.Locator("button.action.command[data-action='request_operator']");
        await Expect(request).ToBeVisibleAsync();

        var hub = await page.RunAndWaitForWebSocketAsync(() => request.ClickAsync(), new() { Predicate = ws => ws.Url.Contains(ThroughService ? "/client/?hub=lucine" : "/api/hub", StringComparison.Ordinal) });
        var pushed = new List<string>();
        hub.FrameReceived += (_, frame) =>
        {
            lock (pushed)
            {
                pushed.Add(frame.Text ?? string.Empty);
            }
        };

        await Expect(page.Locator(".message.system").Last).ToContainTextAsync("Giulia");
        await Expect(page.Locator(".status")).ToHaveTextAsync("In chat con Giulia");
        await Expect(page.Locator("button.action.command")).ToHaveCountAsync(0);
        var (sessionId, sessionToken) = await StoredSessionAsync(page);
        Assert.Equal("with_operator", await StatusAsync(sessionId, sessionToken));
        // Pushed, not polled: the widget polls only while realtime is down.
        await Expect(page.Locator("#lucine-chat")).ToHaveAttributeAsync("data-realtime", "connected");

        await giulia.WriteAsync(sessionId, Answer);

        var message = page.Locator(".message.operator");
        await Expect(message.Locator(".text")).ToHaveTextAsync(Answer);
        await Expect(message.Locator(".author")).ToHaveTextAsync("Giulia");
        await Expect(page.Locator("#lucine-chat b")).ToHaveCountAsync(0);
        lock (pushed)
        {
            Assert.Contains(pushed, frame => frame.Contains("sono Giulia, come posso aiutarti?", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task With_realtime_blocked_the_operator_message_arrives_by_polling()
    {
        const string Answer = "Eccomi! <i>Come</i> posso aiutarti?";
        var giulia = await OperatorOnlineAsync();
        var page = await NewPageAsync();
        var hubAttempts = 0;
        await page.RouteAsync("**/api/hub**", route =>
        {
            Interlocked.Increment(ref hubAttempts);
            return route.AbortAsync();
        });
        await page.GotoAsync("/widget/demo.html");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apri la chat con Lucy" }).ClickAsync();
        await SendAsync(page, "voglio parlare con un operatore");

        await page.Locator("button.action.command[data-action='request_operator']").ClickAsync();

        await Expect(page.Locator(".status")).ToHaveTextAsync("In chat con Giulia");
        await Expect(page.Locator("#lucine-chat")).ToHaveAttributeAsync("data-realtime", "polling");
        var (sessionId, _) = await StoredSessionAsync(page);
        await giulia.WriteAsync(sessionId, Answer);

        await Expect(page.Locator(".message.operator .text")).ToHaveTextAsync(Answer, Polled);
        await Expect(page.Locator("#lucine-chat i")).ToHaveCountAsync(0);
        Assert.True(Volatile.Read(ref hubAttempts) > 0, "the widget never tried to connect to the hub");
    }

    [Fact]
    public async Task A_live_chat_comes_back_open_after_leaving_the_page_with_what_was_said_meanwhile()
    {
        var giulia = await OperatorOnlineAsync();
        var page = await RequestOperatorAsync();
        await Expect(page.Locator(".status")).ToHaveTextAsync("In chat con Giulia");
        var (sessionId, _) = await StoredSessionAsync(page);

        await page.GotoAsync("about:blank");
        await giulia.WriteAsync(sessionId, "Ti ho trovato il biglietto, eccolo.");
        await page.GotoAsync("/widget/demo.html");

        // No click: a chat with a person in it reopens by itself.
        await Expect(page.Locator(".message.operator .text")).ToHaveTextAsync("Ti ho trovato il biglietto, eccolo.");
        await Expect(page.Locator(".message.visitor").First).ToHaveTextAsync("voglio parlare con un operatore");
        await Expect(page.Locator(".status")).ToHaveTextAsync("In chat con Giulia");
    }

    [Fact]
    public async Task A_queued_visitor_sees_their_place_and_then_the_operator_who_frees_up()
    {
        var giulia = await OperatorOnlineAsync();
        var first = await RequestOperatorAsync();
        await Expect(first.Locator(".status")).ToHaveTextAsync("In chat con Giulia");
        var (firstSession, _) = await StoredSessionAsync(first);

        var second = await RequestOperatorAsync();

        await Expect(second.Locator(".status")).ToHaveTextAsync(new Regex(@"^Sei n° 1 in coda · attesa ~\d+ min$"));
        await Expect(second.Locator("#lucine-chat")).ToHaveAttributeAsync("data-realtime", "connected");

        // Giulia asks the first visitor to close: the buttons come with her request, and they close the chat.
        using (var asked = await giulia.SendAsync(HttpMethod.Post, $"/api/operator/chats/{firstSession}/close-request", new { }))
        {
            asked.EnsureSuccessStatusCode();
        }

        await first.GetByRole(AriaRole.Button, new() { Name = "Tutto risolto, grazie" }).ClickAsync();
        await Expect(first.Locator(".status")).ToHaveTextAsync("Chat conclusa · scrivi per iniziarne una nuova");
        await Expect(first.Locator("button.action.command")).ToHaveCountAsync(0);

        // This host routes the queue when told (no background loop in tests): Giulia is free again.
        using var routed = await host.Http.PostAsync("/RouteQueue", null);
        routed.EnsureSuccessStatusCode();

        await Expect(second.Locator(".status")).ToHaveTextAsync("In chat con Giulia");
        await Expect(second.Locator(".message.system").Last).ToContainTextAsync("Giulia");
    }

    [Fact]
    public async Task Typing_is_shown_both_ways_while_the_operator_is_in_charge()
    {
        var giulia = await OperatorOnlineAsync();
        var visitor = await RequestOperatorAsync();
        await Expect(visitor.Locator("#lucine-chat")).ToHaveAttributeAsync("data-realtime", "connected");
        var (sessionId, _) = await StoredSessionAsync(visitor);

        // Giulia's side of the hub: the SignalR browser client in a page of its own, with her token.
        var giuliaPage = await NewPageAsync();
        await giuliaPage.GotoAsync("/widget/demo.html");
        await giuliaPage.AddScriptTagAsync(new() { Url = "/widget/vendor/signalr.min.js" });
        await giuliaPage.EvaluateAsync(
            """
            async token => {
              window.visitorTyping = [];
              window.operatorHub = new signalR.HubConnectionBuilder().withUrl('/api/hub', { accessTokenFactory: () => token }).build();
              window.operatorHub.on('typing', event => window.visitorTyping.push(event.isTyping));
              await window.operatorHub.start();
            }
            """,
            giulia.Token);

        await TellTypingAsync(giulia, sessionId, true);
        await Expect(visitor.Locator(".typing")).ToHaveTextAsync("L'operatore sta scrivendo…");
        await TellTypingAsync(giulia, sessionId, false);
        await Expect(visitor.Locator(".typing")).ToBeHiddenAsync();

        await visitor.GetByRole(AriaRole.Textbox).PressSequentiallyAsync("un attimo");
        await giuliaPage.WaitForFunctionAsync("() => window.visitorTyping[0] === true");
        // Three seconds without a keystroke: the widget says the visitor stopped.
        await giuliaPage.WaitForFunctionAsync("() => window.visitorTyping.at(-1) === false");
    }

    [Fact]
    public async Task A_button_that_no_longer_applies_is_explained_quietly_and_the_chat_is_refreshed()
    {
        var page = await OpenChatAsync();
        await SendAsync(page, "posso portare un drone?");
        var continueButton = page.GetByRole(AriaRole.Button, new() { Name = "No, continuo con l'assistente" });
        await Expect(continueButton).ToBeVisibleAsync();
        await page.RouteAsync("**/api/chat", route => route.Request.Method == "POST"
            ? route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 409,
                ContentType = "application/problem+json",
                Body = """{"type":"urn:lucine:problem:action-not-available","title":"Action not available","status":409,"detail":"x"}""",
            })
            : route.ContinueAsync());

        // The widget asks where the chat stands now.
        await page.RunAndWaitForRequestAsync(() => continueButton.ClickAsync(), request => request.Url.Contains("/messages?after=", StringComparison.Ordinal));

        await Expect(page.Locator(".notice.quiet")).ToHaveTextAsync("Questo pulsante non è più valido: ecco la conversazione aggiornata.");
        await Expect(continueButton).ToBeDisabledAsync();
        await Expect(page.Locator(".message.visitor")).ToHaveCountAsync(1);
    }

    private static async Task TellTypingAsync(Operator person, string sessionId, bool isTyping)
    {
        using var told = await person.SendAsync(HttpMethod.Post, $"/api/operator/chats/{sessionId}/typing", new { isTyping });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, told.StatusCode);
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    private async Task<IPage> OpenChatAsync() => await WidgetPage.OpenChatAsync(await NewPageAsync());

    private async Task<IPage> RequestOperatorAsync()
    {
        var page = await OpenChatAsync();
        await SendAsync(page, "voglio parlare con un operatore");
        await page.Locator("button.action.command[data-action='request_operator']").ClickAsync();
        await Expect(page.Locator(".message.visitor")).ToHaveCountAsync(2);
        return page;
    }

    private static Task SendAsync(IPage page, string text) => WidgetPage.SendAsync(page, text);

    /// <summary>The session as the widget stored it: the test acts on the same conversation.</summary>
    private static async Task<(string SessionId, string SessionToken)> StoredSessionAsync(IPage page)
    {
        var stored = await page.EvaluateAsync<JsonElement>("() => JSON.parse(localStorage.getItem('lucine.chat.v1'))");
        return (stored.GetProperty("sessionId").GetString()!, stored.GetProperty("sessionToken").GetString()!);
    }

    private async Task<string?> StatusAsync(string sessionId, string sessionToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/chat/{sessionId}/messages?after=0");
        request.Headers.Add("X-Session-Token", sessionToken);
        using var response = await host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetString();
    }

    /// <summary>Giulia logs in and goes online, so that a request for a person is routed to her at once.</summary>
    private async Task<Operator> OperatorOnlineAsync()
    {
        using var login = await host.Http.PostAsJsonAsync("/api/operators/login", new { username = "admin", password = OperatorPassword });
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        var giulia = new Operator(host.Http, body.RootElement.GetProperty("token").GetString()!);

        using var online = await giulia.SendAsync(HttpMethod.Put, "/api/operators/me/availability", new { availability = "online" });
        Assert.Equal(System.Net.HttpStatusCode.OK, online.StatusCode);
        return giulia;
    }

    private sealed class Operator(HttpClient http, string token)
    {
        public string Token => token;

        public async Task WriteAsync(string sessionId, string text)
        {
            using var response = await SendAsync(HttpMethod.Post, $"/api/operator/chats/{sessionId}/messages", new { text, clientMessageId = Guid.NewGuid().ToString() });
            Assert.True(response.IsSuccessStatusCode, $"the operator's message was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body)
        {
            var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http.SendAsync(request);
        }
    }
}

[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class WidgetLiveChatOnHubBrowserTests(BrowserFixture browser) : WidgetLiveChatBrowserTests(browser)
{
    protected override bool ThroughService => false;
}

[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class WidgetLiveChatThroughServiceBrowserTests(BrowserFixture browser) : WidgetLiveChatBrowserTests(browser)
{
    protected override bool ThroughService => true;
}
