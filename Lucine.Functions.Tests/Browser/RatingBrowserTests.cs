using Lucine.Functions.Tests.Operators;
using Lucine.Functions.Tickets;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// "How did we do?" in the browsers: the operator closes a visitor's chat, the widget asks for a
/// rating, the visitor gives four stars with the keyboard and a comment, and the operator reads it on
/// the transcript in "Conversazioni" and finds it counted in her figures in "Statistiche"; a customer
/// rates a resolved ticket on the page its message links, and the ticket shows it. Screenshots of the
/// widget's card, the transcript, the figures and the page.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class RatingBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Comment = "Sara è stata gentilissima <b>grazie</b>";

    private StaffBrowser staff = null!;
    private IBrowserContext visitorBrowser = null!;
    private StaffDesk sara = null!;

    public async Task InitializeAsync()
    {
        staff = await StaffBrowser.StartAsync(browser);
        visitorBrowser = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = staff.Host.BaseAddress.ToString(), Locale = "it-IT" });
        sara = await (await StaffDesk.LoginAsync(staff.Host.Http)).HireAsync("sara");
    }

    public async Task DisposeAsync()
    {
        await visitorBrowser.CloseAsync();
        await staff.DisposeAsync();
    }

    [Fact]
    public async Task The_visitor_rates_the_chat_the_operator_closed_and_the_operator_reads_it_on_the_transcript()
    {
        var widget = await WidgetPage.OpenChatAsync(await visitorBrowser.NewPageAsync());
        await WidgetPage.SendAsync(widget, "voglio parlare con un operatore");
        await widget.Locator("button.action.command[data-action='request_operator']").ClickAsync();
        await Expect(widget.Locator(".status")).ToHaveTextAsync("In chat con Op sara");
        var sessionId = await widget.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('lucine.chat.v1')).sessionId");
        await Expect(widget.Locator("form.rating")).ToHaveCountAsync(0);

        Assert.Equal(HttpStatusCode.OK, (await sara.ActAsync(sessionId, "close", new { outcome = "resolved" })).StatusCode);

        var card = widget.GetByRole(AriaRole.Form, new() { Name = "Com'è andata?" });
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(card.Locator("button.rating-star")).ToHaveCountAsync(5);

        // Keyboard only: Tab to the first star, Enter chooses it, the arrow moves (and chooses) up to four.
        var first = card.GetByRole(AriaRole.Button, new() { Name = "1 stella su 5" });
        await first.FocusAsync();
        await widget.Keyboard.PressAsync("Enter");
        for (var i = 0; i < 3; i++)
        {
            await widget.Keyboard.PressAsync("ArrowRight");
        }

        var four = card.GetByRole(AriaRole.Button, new() { Name = "4 stelle su 5" });
        await Expect(four).ToBeFocusedAsync();
        await Expect(four).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "5 stelle su 5" })).ToHaveAttributeAsync("aria-pressed", "false");
        await card.GetByRole(AriaRole.Textbox, new() { Name = "Un commento (facoltativo)" }).FillAsync(Comment);
        await card.GetByRole(AriaRole.Button, new() { Name = "Invia il voto" }).ClickAsync();
        await Expect(card.Locator(".rating-status")).ToHaveTextAsync("Grazie per il tuo voto! Puoi cambiarlo entro 24 ore.");
        await Screenshots.SaveAsync(widget.Locator("#lucine-chat .panel"), "widget-rating-card");

        var console = await staff.LogInAsync("sara");
        await console.GetByRole(AriaRole.Tab, new() { Name = "Conversazioni" }).ClickAsync();
        await console.Locator($"#conversations [data-session-id='{sessionId}'] button.item-open").ClickAsync();

        var rating = console.Locator("#transcript-rating");
        await Expect(rating).ToBeVisibleAsync();
        await Expect(rating.Locator(".rating-shown-score")).ToHaveTextAsync("4 stelle su 5");
        await Expect(rating.Locator(".rating-shown-stars")).ToHaveTextAsync("★★★★☆");
        await Expect(rating.Locator(".rating-shown-comment")).ToHaveTextAsync(Comment);
        await Expect(rating.Locator("b")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(console, "transcript-rating");

        // The rating reaches the reports (the outbox's rollup): the operator's own figures count it.
        await console.GetByRole(AriaRole.Tab, new() { Name = "Statistiche" }).ClickAsync();
        var keys = console.Locator("#reports-keys div");
        await Expect(keys.Filter(new() { HasText = "Valutazioni" }).Locator("dd")).ToHaveTextAsync("1");
        await Expect(keys.Filter(new() { HasText = "Soddisfazione media" }).Locator("dd")).ToContainTextAsync("4");
        await Screenshots.SaveAsync(console, "reports-own-rating");
    }

    [Fact]
    public async Task The_customer_rates_a_resolved_ticket_on_the_page_its_message_links_and_the_ticket_shows_it()
    {
        var created = await staff.Host.Http.PostAsJsonAsync("/api/tickets", new { name = "Mary Smith", contact = "mary@example.com", message = "I lost my tickets", language = "en" });
        var number = (await created.Content.ReadAsync<TicketCreatedResponse>())!.Number;
        Assert.Equal(HttpStatusCode.OK, (await sara.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/status", new { status = "resolved" })).StatusCode);
        var access = staff.Host.Services.GetRequiredService<TicketCredentials>().AccessCode(TicketNumber.Parse(number));

        var page = await visitorBrowser.NewPageAsync();
        await page.GotoAsync($"/widget/rating.html?ticket={number}&access={Uri.EscapeDataString(access)}&lang=en");
        await Expect(page.Locator("#rating-about")).ToHaveTextAsync($"Your request {number} has been resolved.");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "How did we do?" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(form.Locator(".rating-status")).ToHaveTextAsync("Choose the stars first.");
        await form.GetByRole(AriaRole.Button, new() { Name = "5 stars out of 5" }).ClickAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = "A comment (optional)" }).FillAsync("Found them, thanks!");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(form.Locator(".rating-status")).ToHaveTextAsync("Thank you for your rating! You can change it within 24 hours.");
        await Screenshots.SaveAsync(page, "ticket-rating-page");

        var console = await staff.LogInAsync("sara");
        await console.GetByRole(AriaRole.Tab, new() { Name = "Ticket" }).ClickAsync();
        await console.Locator($"#tickets li[data-number='{number}'] .item-open").ClickAsync();
        await Expect(console.Locator("#ticket-facts")).ToContainTextAsync("Valutazione del cliente");
        await Expect(console.Locator("#ticket-facts .rating-shown-score")).ToHaveTextAsync("5 stelle su 5");
        await Expect(console.Locator("#ticket-facts .rating-shown-comment")).ToHaveTextAsync("Found them, thanks!");

        var invalid = await visitorBrowser.NewPageAsync();
        await invalid.GotoAsync($"/widget/rating.html?ticket={number}&access=wrong&lang=en");
        await Expect(invalid.Locator("#rating-about")).ToHaveTextAsync("This link is not valid: use the one in the message that told you the request was resolved.");
        await Expect(invalid.Locator("form.rating")).ToHaveCountAsync(0);
    }
}
