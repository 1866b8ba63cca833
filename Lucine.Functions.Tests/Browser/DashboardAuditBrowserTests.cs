using System.Net.Http.Json;
using Lucine.Functions.Audit;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>The audit log in the dashboard: admins only, filtered, downloaded as CSV with the same filters.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardAuditBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private StaffBrowser staff = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        staff = await StaffBrowser.StartAsync(browser);
        admin = await StaffDesk.LoginAsync(staff.Host.Http);
    }

    public async Task DisposeAsync() => await staff.DisposeAsync();

    [Fact]
    public async Task An_admin_filters_the_log_and_downloads_it_while_an_operator_has_no_such_tab()
    {
        await admin.HireAsync("sara", availability: "offline");
        await admin.SendAsync(HttpMethod.Patch, "/api/operators/sara", new { capacity = 3 });
        using var guess = await staff.Host.Http.PostAsJsonAsync("/api/operators/login", new { username = "=cmd()", password = "wrong" });

        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Registro" }).ClickAsync();
        var rows = page.Locator("#audit-rows tr");
        await Expect(rows.First).ToContainTextAsync(AuditActions.Login);
        await Expect(page.Locator("#audit-rows")).ToContainTextAsync("=cmd()");

        await page.Locator("#audit-object").FillAsync("sara");
        await page.Locator("#audit-actor").FillAsync("admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerca" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync(AuditActions.OperatorUpdated);
        await Expect(rows.Nth(1)).ToContainTextAsync(AuditActions.OperatorCreated);
        await Expect(rows.Nth(1)).ToContainTextAsync("201");
        await Screenshots.SaveAsync(page, "audit-log");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Scarica CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("audit-", download.SuggestedFilename, StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditCsv.Header.TrimEnd(), lines[0]);
        Assert.Equal([AuditActions.OperatorUpdated, AuditActions.OperatorCreated], lines.Skip(1).Select(l => l.Split(',')[2]));

        // Unfiltered, the attempted username is in the file as text, not as a formula.
        await page.Locator("#audit-filters").EvaluateAsync("form => form.reset()");
        var all = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Scarica CSV" }).ClickAsync());
        Assert.Contains(",'=cmd(),operator.login,", await File.ReadAllTextAsync(await all.PathAsync()), StringComparison.Ordinal);

        await using var laptop = await staff.OtherBrowserAsync(browser);
        var sara = await StaffBrowser.LogInAsync(laptop, "sara");
        await Expect(sara.GetByRole(AriaRole.Tab, new() { Name = "Ticket" })).ToBeVisibleAsync();
        await Expect(sara.Locator("#tab-audit")).ToBeHiddenAsync();
    }
}
