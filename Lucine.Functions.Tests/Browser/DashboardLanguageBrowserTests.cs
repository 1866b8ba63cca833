using System.Globalization;
using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The dashboard in Italian and English: the browser's language until the operator chooses one
/// (kept on the server for the next login anywhere), problems told by their type in the page's
/// language (never the server's English detail), the server's names as words, dates in the page's
/// locale. Each test has its own Lucine (first admin Giulia) on the browser collection's Azurite.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardLanguageBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string EnglishBrowser = "en-US";
    private const string ServerDetail = "The username or the password is wrong.";

    /// <summary>dom.js's full date and time of one instant (09:30 UTC is 10:30 in Rome in January).</summary>
    private const string FullDate = "async () => (await import('/dashboard/dom.js')).dateTime('2026-01-05T09:30:00Z')";

    /// <summary>Every key of it.js and en.js, walked in the page: what one has and the other lacks, empty texts, placeholders that differ.</summary>
    private const string TextsThatDiffer = """
        async () => {
          const it = (await import('/dashboard/i18n/it.js')).TEXT;
          const en = (await import('/dashboard/i18n/en.js')).TEXT;
          const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
          const found = [];
          const walk = (a, b, path) => {
            for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
              const at = path + key;
              if (!Object.hasOwn(b, key)) { found.push('missing in en.js: ' + at); continue; }
              if (!Object.hasOwn(a, key)) { found.push('missing in it.js: ' + at); continue; }
              if (typeof a[key] === 'object' || typeof b[key] === 'object') {
                if (typeof a[key] !== typeof b[key]) { found.push('not the same shape: ' + at); } else { walk(a[key], b[key], at + '.'); }
              } else if (!a[key] || !b[key]) {
                found.push('empty: ' + at);
              } else if (placeholders(a[key]) !== placeholders(b[key])) {
                found.push('placeholders differ: ' + at);
              }
            }
          };
          walk(it, en, '');
          return found;
        }
        """;

    private StaffBrowser staff = null!;

    public async Task InitializeAsync() => staff = await StaffBrowser.StartAsync(browser, EnglishBrowser);

    public async Task DisposeAsync() => await staff.DisposeAsync();

    [Fact]
    public async Task An_English_browser_gets_the_login_and_the_console_in_English_with_problems_by_their_type()
    {
        using var opened = await staff.Host.Http.PostAsJsonAsync("/api/tickets", new { name = "Mary Rose", contact = "mary.rose@example.com", message = "I lost my ticket yesterday evening" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var page = await staff.Context.NewPageAsync();
        await page.GotoAsync("/dashboard/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operator login" })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Lucine · Operator console");
        await page.Locator("#login-form").GetByLabel("Username").FillAsync(StaffDesk.AdminUsername);
        await page.Locator("#login-form").GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Wrong username or password.");
        await page.Locator("#login-form").ScreenshotAsync(new() { Path = ScreenshotPath("login-in-english.png") });

        await LogInAsync(page);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Chats" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#queue-title")).ToContainTextAsync("Queue");
        await Expect(page.Locator("#me-role")).ToHaveTextAsync("Administrator");
        await Expect(page.Locator("#chat-placeholder")).ToHaveTextAsync("Choose a chat from the queue or from your chats.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Tickets" }).ClickAsync();
        var item = page.Locator("#tickets li").First;
        await Expect(item.Locator(".ticket-state")).ToHaveTextAsync("Open");
        await Expect(item.Locator(".ticket-priority")).ToHaveTextAsync("Medium");
        await Expect(item.Locator(".sla")).ToHaveTextAsync("SLA: On time");
        await Expect(item.Locator(".item-meta")).ToContainTextAsync("Mary Rose · Email · unassigned · updated ");
        await Expect(page.Locator("#filter-status")).ToContainTextAsync("Waiting for the customer");
        Assert.Equal("5 Jan 2026, 10:30:00", await page.EvaluateAsync<string>(FullDate));

        await page.ScreenshotAsync(new() { Path = ScreenshotPath("console-in-english.png"), FullPage = true });
    }

    [Fact]
    public async Task An_Italian_browser_shows_the_same_problem_in_Italian_never_the_servers_English_detail()
    {
        await using var italian = await staff.OtherBrowserAsync(browser, BrowserFixture.StaffLocale);
        var page = await italian.NewPageAsync();
        await page.GotoAsync("/dashboard/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await page.Locator("#login-form").GetByLabel("Nome utente").FillAsync(StaffDesk.AdminUsername);
        await page.Locator("#login-form").GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Nome utente o password errati.");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(ServerDetail);
        Assert.Equal("5 gen 2026, 10:30:00", await page.EvaluateAsync<string>(FullDate));
    }

    [Fact]
    public async Task English_and_Italian_have_the_same_texts()
    {
        var page = await staff.Context.NewPageAsync();
        await page.GotoAsync("/dashboard/");

        Assert.Empty(await page.EvaluateAsync<string[]>(TextsThatDiffer));
    }

    [Fact]
    public async Task An_operator_who_chooses_Italian_on_an_English_browser_gets_it_after_the_reload_and_at_the_next_login()
    {
        var page = await staff.Context.NewPageAsync();
        await page.GotoAsync("/dashboard/");
        await LogInAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Preferences" }).ClickAsync();
        await page.GetByLabel("Lingua / Language").SelectOptionAsync("it");

        // The page reloads in Italian, still logged in.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await Expect(page.Locator("#me")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Chat", Exact = true })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#chats-title")).ToContainTextAsync("Le mie chat");
        await Expect(page.Locator("#preferences-open")).ToHaveTextAsync("Preferenze");
        var me = await (await StaffDesk.LoginAsync(staff.Host.Http)).MeAsync();
        Assert.Equal("it", me.Preferences.Language);

        // Another English browser: the login is in English until the server says who is there.
        await using var elsewhere = await staff.OtherBrowserAsync(browser, EnglishBrowser);
        var next = await elsewhere.NewPageAsync();
        await next.GotoAsync("/dashboard/");
        await Expect(next.GetByRole(AriaRole.Heading, new() { Name = "Operator login" })).ToBeVisibleAsync();
        await LogInAsync(next);

        await Expect(next.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await Expect(next.Locator("#me-role")).ToHaveTextAsync("Amministratore");
        await next.GetByRole(AriaRole.Button, new() { Name = "Preferenze" }).ClickAsync();
        await Expect(next.GetByLabel("Lingua / Language")).ToHaveValueAsync("it");
    }

    [Fact]
    public async Task Too_many_failed_logins_are_told_in_the_pages_language_with_the_time_to_wait()
    {
        var page = await staff.Context.NewPageAsync();
        await page.GotoAsync("/dashboard/");
        await page.Locator("#login-form").GetByLabel("Username").FillAsync(StaffDesk.AdminUsername);
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Log in" });

        IResponse refused;
        do
        {
            await page.Locator("#login-form").GetByLabel("Password").FillAsync("not the password");
            refused = await page.RunAndWaitForResponseAsync(() => submit.ClickAsync(), response => response.Url.EndsWith("/api/operators/login", StringComparison.Ordinal));
            await Expect(submit).ToBeEnabledAsync();
        }
        while (refused.Status == (int)HttpStatusCode.Unauthorized);

        Assert.Equal((int)HttpStatusCode.TooManyRequests, refused.Status);
        var seconds = int.Parse(await refused.HeaderValueAsync("retry-after") ?? "", CultureInfo.InvariantCulture);
        var wait = seconds >= 120 ? $"{(seconds + 59) / 60} minutes" : $"{seconds} seconds";
        await Expect(page.Locator("#login-error")).ToHaveTextAsync($"Too many failed login attempts. Try again in {wait}.");
        await Expect(page.Locator("#login-error")).Not.ToContainTextAsync(new Regex("from this address|retry in"));
    }

    /// <summary>Logs the admin in on an English login page.</summary>
    private static async Task LogInAsync(IPage page)
    {
        await page.Locator("#login-form").GetByLabel("Username").FillAsync(StaffDesk.AdminUsername);
        await page.Locator("#login-form").GetByLabel("Password").FillAsync(StaffDesk.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator("#me")).ToBeVisibleAsync();
    }

    /// <summary>Under the test's output, for a person to look at.</summary>
    private static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
