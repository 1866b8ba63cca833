using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The visitor's context and the history of conversations in the console: a visitor on the demo
/// page talks to an operator twice from the same browser; the operator sees the page, the device
/// and the earlier conversation, then finds the ended chat by a word in "Conversazioni" and reads
/// its transcript. Screenshots of both screens go to artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardConversationsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private StaffBrowser staff = null!;
    private IBrowserContext visitorBrowser = null!;
    private StaffDesk sara = null!;

    public async Task InitializeAsync()
    {
        staff = await StaffBrowser.StartAsync(browser);
        visitorBrowser = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = staff.Host.BaseAddress.ToString() });
        sara = await (await StaffDesk.LoginAsync(staff.Host.Http)).HireAsync("sara");
    }

    public async Task DisposeAsync()
    {
        await visitorBrowser.CloseAsync();
        await staff.DisposeAsync();
    }

    private static async Task EscalateAsync(IPage widget, string question)
    {
        await WidgetPage.SendAsync(widget, question);
        await Expect(widget.Locator(".message.visitor").Last).ToHaveTextAsync(question);

        // The widget sends one message at a time: the next once this one is answered.
        await Expect(widget.Locator("button.send")).ToBeEnabledAsync();
        await WidgetPage.SendAsync(widget, "voglio parlare con un operatore");
        var request = widget.Locator("button.action.command[data-action='request_operator']");
        await request.ClickAsync();
        await Expect(widget.Locator(".status")).ToHaveTextAsync("In chat con Op sara");
    }

    private static async Task<string> SessionIdAsync(IPage widget) =>
        await widget.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('lucine.chat.v1')).sessionId");

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>The visitor's first conversation, ended by Sara; then a second one from the same browser, with Sara.</summary>
    private async Task<(IPage Widget, string SessionId)> TwoConversationsAsync()
    {
        var widget = await WidgetPage.OpenChatAsync(await visitorBrowser.NewPageAsync());
        await EscalateAsync(widget, "Posso portare il camper nel parcheggio?");
        var sessionId = await SessionIdAsync(widget);
        Assert.Equal(HttpStatusCode.OK, (await sara.ActAsync(sessionId, "close", new { outcome = "resolved" })).StatusCode);
        await Expect(widget.Locator(".status")).Not.ToHaveTextAsync("In chat con Op sara");

        await EscalateAsync(widget, "Ho ancora una domanda sui biglietti");
        return (widget, sessionId);
    }

    [Fact]
    public async Task The_operator_sees_the_visitors_page_device_and_earlier_conversation()
    {
        var (_, sessionId) = await TwoConversationsAsync();
        var console = await staff.LogInAsync("sara");

        await console.Locator($"#chats [data-key='{sessionId}'] button.item-open").ClickAsync();

        var panel = console.Locator("#chat-context");
        await Expect(panel).ToBeVisibleAsync();
        var pageLink = panel.Locator("a.context-link").First;
        await Expect(pageLink).ToHaveTextAsync("Lucine di Natale · demo del widget");
        Assert.EndsWith("/widget/demo.html", await pageLink.GetAttributeAsync("href"), StringComparison.Ordinal);
        await Expect(panel.Locator(".context-device")).ToHaveTextAsync("Computer");
        var earlier = panel.Locator(".earlier-open");
        await Expect(earlier).ToHaveCountAsync(1);
        await Expect(earlier).ToContainTextAsync("risolta · con Op sara");
        await ScreenshotAsync(console, "chat-visitor-context");

        await earlier.ClickAsync();
        await Expect(console.Locator("#view-conversations")).ToBeVisibleAsync();
        await Expect(console.Locator("#transcript-messages .msg.visitor").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("camper"));
    }

    [Fact]
    public async Task An_ended_chat_is_found_by_a_word_and_read_as_a_transcript()
    {
        var (_, sessionId) = await TwoConversationsAsync();
        Assert.Equal(HttpStatusCode.Created, (await sara.AddNoteAsync(sessionId, "Chiede del parcheggio camper")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sara.ActAsync(sessionId, "close", new { outcome = "not_resolved" })).StatusCode);
        var console = await staff.LogInAsync("sara");

        await console.GetByRole(AriaRole.Tab, new() { Name = "Conversazioni" }).ClickAsync();
        var search = console.Locator("#conversation-filters input[name='q']");
        await search.FillAsync("BIGLIETTI");
        await search.PressAsync("Enter");

        var found = console.Locator("#conversations .conversation-item");
        await Expect(found).ToHaveCountAsync(1);
        await Expect(found.Locator(".outcome")).ToHaveTextAsync("non risolta");
        await found.Locator("button.item-open").ClickAsync();
        var transcript = console.Locator("#transcript-messages");
        await Expect(transcript.Locator(".msg.visitor", new() { HasText = "Ho ancora una domanda sui biglietti" })).ToBeVisibleAsync();
        await Expect(transcript.Locator(".msg.note")).ToContainTextAsync("Chiede del parcheggio camper");
        await Expect(console.Locator("#transcript-hint")).ToHaveTextAsync("Sola lettura: la conversazione è conclusa.");
        await ScreenshotAsync(console, "conversations-transcript");
    }
}
