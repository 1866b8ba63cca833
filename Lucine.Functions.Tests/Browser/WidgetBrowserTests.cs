using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>The chat widget on its demo page, as a visitor uses it.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class WidgetBrowserTests(BrowserFixture browser)
{
    private static async Task<IPage> OpenChatAsync(BrowserFixture browser, string page = "/widget/demo.html")
    {
        var tab = await browser.NewPageAsync();
        await tab.GotoAsync(page);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Apri la chat con Lucy" }).ClickAsync();
        return tab;
    }

    private static Task SendAsync(IPage page, string text) =>
        page.GetByRole(AriaRole.Textbox).FillAsync(text).ContinueWith(_ => page.GetByRole(AriaRole.Textbox).PressAsync("Enter")).Unwrap();

    [Fact]
    public async Task A_visitor_asks_and_reads_the_answer_with_its_link()
    {
        var page = await OpenChatAsync(browser);

        await SendAsync(page, "Quanto costano i biglietti?");

        var reply = page.Locator(".message.bot").Last;
        await Expect(reply).ToContainTextAsync("Intero €9");
        var link = page.Locator("a.action.link");
        await Expect(link).ToHaveAttributeAsync("href", "https://lucinedinatale.it/products/biglietto-parco-lucine-di-natale-2025");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(page.Locator(".message.visitor")).ToHaveTextAsync("Quanto costano i biglietti?");
    }

    [Fact]
    public async Task Markup_typed_by_a_visitor_is_shown_as_text_and_never_runs()
    {
        const string Attack = "<img src=x onerror=\"window.lucineXss=1\"><b>ciao</b>";
        var page = await OpenChatAsync(browser);

        await SendAsync(page, Attack);

        await Expect(page.Locator(".message.bot")).ToHaveCountAsync(1);
        await Expect(page.Locator(".message.visitor .text")).ToHaveTextAsync(Attack);
        await Expect(page.Locator("#lucine-chat img, #lucine-chat b")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.lucineXss === undefined"));
    }

    [Fact]
    public async Task When_the_assistant_does_not_know_the_visitor_chooses_with_buttons()
    {
        var page = await OpenChatAsync(browser);

        await SendAsync(page, "posso portare un drone?");
        await page.GetByRole(AriaRole.Button, new() { Name = "No, continuo con l'assistente" }).ClickAsync();

        await Expect(page.Locator(".message.visitor").Last).ToHaveTextAsync("No, continuo con l'assistente");
        await Expect(page.Locator(".message.bot").Last).ToContainTextAsync("Chiedimi pure");
    }

    [Fact]
    public async Task The_conversation_survives_a_page_reload()
    {
        var page = await OpenChatAsync(browser);
        await SendAsync(page, "posso portare il cane?");
        await Expect(page.Locator(".message.bot")).ToContainTextAsync("guinzaglio");

        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apri la chat con Lucy" }).ClickAsync();

        await Expect(page.Locator(".message")).ToHaveCountAsync(2);
        await Expect(page.Locator(".message.visitor")).ToHaveTextAsync("posso portare il cane?");
        await Expect(page.Locator(".message.bot")).ToContainTextAsync("guinzaglio");
    }

    [Fact]
    public async Task A_session_the_server_no_longer_accepts_is_replaced_without_losing_the_message()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/widget/demo.html");
        await page.EvaluateAsync("() => localStorage.setItem('lucine.chat.v1', JSON.stringify({ sessionId: 'AAAAAAAAAAAAAAAAAAAAAA', sessionToken: 'v1.stale' }))");
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apri la chat con Lucy" }).ClickAsync();

        await SendAsync(page, "orari?");

        await Expect(page.Locator(".message.bot")).ToContainTextAsync("17:30");
        var stored = await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('lucine.chat.v1')).sessionId");
        Assert.NotEqual("AAAAAAAAAAAAAAAAAAAAAA", stored);
    }

    [Fact]
    public async Task A_session_rejected_while_sending_is_replaced_and_the_new_conversation_is_shown()
    {
        var page = await OpenChatAsync(browser);
        await SendAsync(page, "posso portare il cane?");
        await Expect(page.Locator(".message.bot")).ToContainTextAsync("guinzaglio");
        var rejectNext = true;
        await page.RouteAsync("**/api/chat", async route =>
        {
            if (rejectNext && route.Request.Method == "POST")
            {
                rejectNext = false;
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 401,
                    ContentType = "application/problem+json",
                    Body = """{"type":"urn:lucine:problem:invalid-session-token","title":"Invalid session token","status":401,"detail":"x"}""",
                });
                return;
            }

            await route.ContinueAsync();
        });

        await SendAsync(page, "orari?");

        await Expect(page.Locator(".message.bot")).ToHaveCountAsync(1);
        await Expect(page.Locator(".message.bot")).ToContainTextAsync("17:30");
        await Expect(page.Locator(".message.visitor")).ToHaveTextAsync("orari?");
        await Expect(page.Locator(".notice")).ToContainTextAsync("ne ho iniziata una nuova");
    }

    [Fact]
    public async Task The_english_page_speaks_english()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/widget/demo-en.html");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the chat with Lucy" }).ClickAsync();

        await SendAsync(page, "Can I bring my dog?");

        await Expect(page.Locator(".message.bot")).ToContainTextAsync("lead");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeVisibleAsync();
    }
}
