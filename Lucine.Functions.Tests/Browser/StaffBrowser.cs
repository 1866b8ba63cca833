using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// A test's own Lucine (first admin Giulia) on the browser collection's Azurite, and a browser
/// context pointed at it in which staff members log in to the dashboard.
/// </summary>
public sealed class StaffBrowser : IAsyncDisposable
{
    private StaffBrowser(LucineHost host, IBrowserContext context)
    {
        Host = host;
        Context = context;
    }

    public LucineHost Host { get; }

    public IBrowserContext Context { get; }

    /// <param name="locale">The browser's language, which the dashboard follows until the operator chooses one.</param>
    public static async Task<StaffBrowser> StartAsync(
        BrowserFixture browser, string locale = BrowserFixture.StaffLocale, TimeProvider? clock = null, Action<Dictionary<string, string?>>? more = null,
        Action<IServiceCollection>? services = null)
    {
        var storage = browser.Host.App.Configuration["Storage:ConnectionString"]
            ?? throw new InvalidOperationException("The browser fixture's host has no storage connection string.");
        var host = await StaffDesk.StartHostAsync(storage, clock, more, services);
        var context = await NewContextAsync(browser, host, locale);
        return new StaffBrowser(host, context);
    }

    /// <summary>Another browser (its own storage, its own login) on the same Lucine: a colleague's computer.</summary>
    public Task<IBrowserContext> OtherBrowserAsync(BrowserFixture browser, string locale = BrowserFixture.StaffLocale) => NewContextAsync(browser, Host, locale);

    private static Task<IBrowserContext> NewContextAsync(BrowserFixture browser, LucineHost host, string locale) =>
        browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), Locale = locale });

    /// <summary>A new page, logged in to the dashboard (every staff member of these tests has the admin's password).</summary>
    public Task<IPage> LogInAsync(string username) => LogInAsync(Context, username);

    public static async Task<IPage> LogInAsync(IBrowserContext context, string username)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard/");
        await page.Locator("#login-form").GetByLabel("Nome utente").FillAsync(username);
        await page.Locator("#login-form").GetByLabel("Password").FillAsync(StaffDesk.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        await Expect(page.Locator("#me")).ToBeVisibleAsync();
        return page;
    }

    public static async Task SetAvailabilityAsync(IPage page, string availability)
    {
        await page.GetByLabel("Disponibilità").SelectOptionAsync(availability);
        // Set from the server's answer, so the change is stored once this holds.
        await Expect(page.Locator("#availability")).ToHaveAttributeAsync("data-availability", availability);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await Host.DisposeAsync();
    }
}
