using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// Past the last season, supervisors and admins are told no season is set; admins set the next one in
/// the Seasons tab (field errors next to their fields), and visitors get its dates at once.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardSeasonsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>1 March 2026: the 2025/26 season ended on 6 January and no next one is set.</summary>
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private StaffBrowser staff = null!;

    public async Task InitializeAsync() => staff = await StaffBrowser.StartAsync(browser, clock: clock);

    public async Task DisposeAsync() => await staff.DisposeAsync();

    [Fact]
    public async Task Past_the_season_admins_and_supervisors_see_the_warning_and_an_admin_sets_the_next_season()
    {
        var desk = await StaffDesk.LoginAsync(staff.Host.Http);
        await desk.HireAsync("sara", role: "supervisor");
        await desk.HireAsync("elfo", role: "operator");
        const string Warning = "L'ultima stagione è finita il 6 gennaio 2026 e non ne è impostata un'altra: i visitatori sentono che le nuove date saranno annunciate.";

        var page = await staff.LogInAsync(StaffDesk.AdminUsername);

        var notice = page.Locator("#season-notice");
        await Expect(notice.Locator("#season-notice-text")).ToHaveTextAsync(Warning);
        await Expect(notice.GetByRole(AriaRole.Button, new() { Name = "Imposta le stagioni" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-season-warning.png");

        // The way to the seasons, with the configured one as version 0.
        await notice.GetByRole(AriaRole.Button, new() { Name = "Imposta le stagioni" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Stagioni" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#seasons-current")).ToHaveTextAsync("Versione 0 · dalla configurazione");
        await Expect(page.Locator("#seasons-warning")).ToHaveTextAsync(Warning);
        await Expect(page.Locator("#season-0-start")).ToHaveValueAsync("2025-12-06");

        // A second season whose end comes before its start: the error is next to that field, nothing is saved.
        await page.GetByRole(AriaRole.Button, new() { Name = "Aggiungi una stagione" }).ClickAsync();
        await page.Locator("#season-1-start").FillAsync("2026-12-05");
        await page.Locator("#season-1-end").FillAsync("2026-12-01");
        await page.Locator("#season-1-closedDays").FillAsync("2026-12-24");
        await page.Locator("#season-1-opens").FillAsync("17:00");
        await page.Locator("#season-1-closes").FillAsync("23:00");
        await page.Locator("#season-1-lastEntry").FillAsync("22:00");
        await page.Locator("#season-1-ticketsUrl").FillAsync("https://lucinedinatale.it/products/biglietto-parco-lucine-di-natale-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva le stagioni" }).ClickAsync();

        // The server's errors, by their codes, in the console's language (the English sentences are for API users).
        await Expect(page.Locator("#season-1-end-error")).ToHaveTextAsync("La stagione finisce (2026-12-01) prima di cominciare (2026-12-05).");
        await Expect(page.Locator("#season-1-end")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#season-1-closedDays-error")).ToHaveTextAsync("Il giorno di chiusura 2026-12-24 è fuori dalla stagione.");
        await Expect(page.Locator("#seasons-versions li")).ToHaveCountAsync(1);

        await page.Locator("#season-1-end").FillAsync("2027-01-06");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva le stagioni" }).ClickAsync();

        await Expect(page.Locator(".toast").Filter(new() { HasText = "Stagioni salvate: versione 1." })).ToBeVisibleAsync();
        await Expect(page.Locator("#seasons-current")).ToHaveTextAsync(new Regex("^Versione 1 · salvata da admin · "));
        await Expect(page.Locator("#seasons-warning")).ToBeHiddenAsync();
        await Expect(page.Locator("#seasons-versions li")).ToHaveCountAsync(2);
        Assert.Contains("dal 5 dicembre 2026 al 6 gennaio 2027", (await new Visitor(staff.Host.Http).SayAsync("quando siete aperti?")).Reply);

        // The next look at the health has no warning any more.
        var later = await staff.LogInAsync(StaffDesk.AdminUsername);
        await Expect(later.GetByRole(AriaRole.Tab, new() { Name = "Chat" })).ToBeVisibleAsync();
        await Expect(later.Locator("#season-notice")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_supervisor_sees_the_warning_without_the_seasons_and_an_operator_does_not_see_it()
    {
        var desk = await StaffDesk.LoginAsync(staff.Host.Http);
        await desk.HireAsync("sara", role: "supervisor");
        await desk.HireAsync("elfo", role: "operator");

        var supervisor = await staff.LogInAsync("sara");
        await Expect(supervisor.Locator("#season-notice-text")).ToHaveTextAsync(new Regex("^L'ultima stagione è finita il 6 gennaio 2026"));
        await Expect(supervisor.Locator("#season-notice-open")).ToBeHiddenAsync();
        await Expect(supervisor.GetByRole(AriaRole.Tab, new() { Name = "Stagioni" })).ToBeHiddenAsync();

        var other = await staff.OtherBrowserAsync(browser);
        var operatorPage = await StaffBrowser.LogInAsync(other, "elfo");
        await Expect(operatorPage.GetByRole(AriaRole.Tab, new() { Name = "Chat" })).ToBeVisibleAsync();
        await Expect(operatorPage.Locator("#season-notice")).ToBeHiddenAsync();
        await other.CloseAsync();
    }
}
