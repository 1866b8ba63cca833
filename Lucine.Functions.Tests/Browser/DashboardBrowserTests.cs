using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_dashboard_shows_the_system_status()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/dashboard/");

        await Expect(page.Locator("#status")).ToHaveTextAsync("Tutto funziona");
        await Expect(page.Locator("#storage")).ToContainTextAsync("raggiungibile");
        await Expect(page.Locator("#version")).ToContainTextAsync("0.1.0");
    }
}
