using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Operators;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The widget's look: times, faces, what the input asks for, the ticket card, the theme from the
/// server, the privacy link under the input, a phone's width, and the favicon. Its own Lucine (first
/// admin Giulia, offline) with a theme and a privacy notice configured.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed partial class WidgetPolishBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Accent = "#14213d";
    private const string AccentText = "#fbe9b7";

    private readonly List<IBrowserContext> contexts = [];

    private LucineHost host = null!;

    public async Task InitializeAsync()
    {
        var storage = browser.Host.Services.GetRequiredService<IConfiguration>()["Storage:ConnectionString"]!;
        host = await StaffDesk.StartHostAsync(storage, more: settings =>
        {
            settings["Widget:Theme:Accent"] = Accent;
            settings["Widget:Theme:AccentText"] = AccentText;
            settings["Widget:PrivacyUrl"] = "https://lucinedinatale.it/privacy";
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        await host.DisposeAsync();
    }

    private async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(), Locale = BrowserFixture.StaffLocale, ViewportSize = new() { Width = width, Height = height },
        });
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task The_input_says_what_the_assistant_asks_for_and_the_ticket_confirmation_is_a_card()
    {
        var page = await WidgetPage.OpenChatAsync(await NewPageAsync());
        var input = page.GetByRole(AriaRole.Textbox);
        await Expect(page.Locator(".privacy a")).ToBeVisibleAsync();
        await Expect(input).ToHaveAttributeAsync("placeholder", "Scrivi la tua domanda…");
        // The theme configured on the server, applied over the widget's own colours.
        await Expect(page.Locator(".send")).ToHaveCSSAsync("background-color", "rgb(20, 33, 61)");
        await Expect(page.Locator(".send")).ToHaveCSSAsync("color", "rgb(251, 233, 183)");

        await WidgetPage.SendAsync(page, "vorrei aprire un ticket");
        await Expect(input).ToHaveAttributeAsync("placeholder", "Scrivi il tuo nome e cognome…");
        await Expect(page.Locator(".privacy")).ToBeHiddenAsync();
        await Expect(page.Locator(".entry.bot .face.mark").First).ToBeVisibleAsync();
        await WidgetPage.SendAsync(page, "Maria Rossi");
        await Expect(input).ToHaveAttributeAsync("placeholder", "Scrivi la tua email o il tuo numero di telefono…");
        await Expect(input).ToHaveAttributeAsync("aria-label", "Scrivi la tua email o il tuo numero di telefono…");
        await WidgetPage.SendAsync(page, "333 123 4567");
        await Expect(input).ToHaveAttributeAsync("placeholder", "Scegli WhatsApp o SMS con i pulsanti qui sopra…");
        await page.Locator("button.action.command[data-action='contact_sms']").ClickAsync();
        await Expect(input).ToHaveAttributeAsync("placeholder", "Scrivi di cosa hai bisogno…");
        await WidgetPage.SendAsync(page, "Vorrei spostare la mia visita a un altro giorno");

        var card = page.Locator(".message.system.ticket");
        await Expect(card).ToHaveAttributeAsync("role", "status");
        await Expect(card).ToContainTextAsync(TicketNumber());
        await Expect(card).ToHaveCSSAsync("background-color", "rgb(255, 244, 214)");
        await Expect(page.Locator(".message.system.ticket")).ToHaveCountAsync(1);
        await Expect(input).ToHaveAttributeAsync("placeholder", "Scrivi la tua domanda…");

        // Every message has its time, HH:mm in the visitor's clock, the full date in its tooltip.
        var times = page.Locator(".entry time.time");
        await Expect(times).ToHaveCountAsync(await page.Locator(".message").CountAsync());
        var first = times.First;
        await Expect(first).ToHaveTextAsync(HoursAndMinutes());
        var stamp = DateTimeOffset.Parse((await first.GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - stamp).TotalMinutes) < 10, $"datetime {stamp:o}");
        Assert.Matches(@"\d{4}", (await first.GetAttributeAsync("title"))!);
        await Screenshots.SaveAsync(page.Locator(".panel"), "widget-ticket-card");
    }

    [Fact]
    public async Task An_operators_messages_carry_their_initials_in_a_coloured_circle()
    {
        var giulia = await StaffDesk.LoginAsync(host.Http);
        await giulia.SetAvailabilityAsync("online");
        var page = await WidgetPage.OpenChatAsync(await NewPageAsync());
        await WidgetPage.SendAsync(page, "voglio parlare con un operatore");
        await page.Locator("button.action.command[data-action='request_operator']").ClickAsync();
        await Expect(page.Locator(".status")).ToHaveTextAsync("In chat con Giulia");
        var sessionId = (await giulia.ChatsAsync()).Single().SessionId;

        await giulia.WriteAsync(sessionId, "Buonasera, sono Giulia: come posso aiutarti?");

        var entry = page.Locator(".entry.operator").Last;
        await Expect(entry.Locator(".text")).ToHaveTextAsync("Buonasera, sono Giulia: come posso aiutarti?", new() { Timeout = 15_000 });
        await Expect(entry.Locator(".initials")).ToHaveTextAsync("G");
        await Expect(entry.Locator(".initials")).ToHaveAttributeAsync("aria-hidden", "true");
        Assert.NotEqual("rgba(0, 0, 0, 0)", await entry.Locator(".initials").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await Screenshots.SaveAsync(page.Locator(".panel"), "widget-desktop");
    }

    [Fact]
    public async Task At_375_pixels_nothing_overflows_and_the_input_attach_and_send_buttons_stay_in_view()
    {
        var page = await WidgetPage.OpenChatAsync(await NewPageAsync(375, 667));
        await WidgetPage.SendAsync(page, "Quanto costano i biglietti?");
        await Expect(page.Locator(".message.bot")).ToContainTextAsync("Intero");
        // A word longer than the screen is wide, as a pasted link is.
        await WidgetPage.SendAsync(page, "lucinedinatale-biglietti-ridotti-bambini-gruppi-numerosi-prezzi-2025");
        await Expect(page.Locator(".message.bot")).ToHaveCountAsync(2);

        var sizes = await page.EvaluateAsync<JsonElement>("""
            () => {
              const panel = document.querySelector('#lucine-chat').shadowRoot.querySelector('.panel');
              const box = panel.getBoundingClientRect();
              return {
                panelScroll: panel.scrollWidth, panelClient: panel.clientWidth,
                logScroll: panel.querySelector('.messages').scrollWidth, logClient: panel.querySelector('.messages').clientWidth,
                pageScroll: document.documentElement.scrollWidth, pageClient: document.documentElement.clientWidth,
                left: box.left, right: box.right, viewport: window.innerWidth
              };
            }
            """);
        int Size(string name) => (int)Math.Ceiling(sizes.GetProperty(name).GetDouble());
        Assert.True(Size("panelScroll") <= Size("panelClient"), $"The panel overflows: {sizes}");
        Assert.True(Size("logScroll") <= Size("logClient"), $"The messages overflow: {sizes}");
        Assert.True(Size("pageScroll") <= Size("pageClient"), $"The page overflows: {sizes}");
        Assert.True(sizes.GetProperty("left").GetDouble() >= 0 && sizes.GetProperty("right").GetDouble() <= Size("viewport"), $"The panel leaves the screen: {sizes}");
        await Expect(page.GetByRole(AriaRole.Textbox)).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Invia" })).ToBeInViewportAsync(new() { Ratio = 1 });
        var attach = page.GetByRole(AriaRole.Button, new() { Name = "Allega una foto o un PDF" });
        await Expect(attach).ToBeInViewportAsync(new() { Ratio = 1 });
        var target = await attach.BoundingBoxAsync();
        Assert.True(target is { Width: >= 44, Height: >= 44 }, $"The attach button is smaller than a finger: {target?.Width} x {target?.Height}");
        await Screenshots.SaveAsync(page, "widget-375");
    }

    [Fact]
    public async Task The_demo_pages_and_the_dashboard_have_a_favicon_and_nothing_is_missing()
    {
        var page = await NewPageAsync();
        var missing = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                missing.Add($"{response.Status} {response.Url}");
            }
        };

        foreach (var path in new[] { "/widget/demo.html", "/widget/demo-en.html", "/dashboard/" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var icon = await page.Locator("link[rel=icon]").EvaluateAsync<string>("link => link.href");
            var served = await page.APIRequest.GetAsync(icon);
            Assert.Equal(200, served.Status);
            Assert.Equal("image/svg+xml", served.Headers["content-type"]);
            Assert.StartsWith("<svg", await served.TextAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(missing);
    }

    [GeneratedRegex(@"LUC-\d{4}-\d{6}")]
    private static partial Regex TicketNumber();

    [GeneratedRegex(@"^\d{2}:\d{2}$")]
    private static partial Regex HoursAndMinutes();
}
