using Lucine.Functions.Privacy;
using Lucine.Functions.Tests.Operators;
using Lucine.Functions.Tests.Privacy;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>The privacy notice in the widget, and the admins' Privacy tab: find by ticket number, export, erase.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class PrivacyBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Notice = "https://lucinedinatale.it/privacy";

    private StaffBrowser staff = null!;

    public async Task InitializeAsync() => staff = await StaffBrowser.StartAsync(browser, more: settings => settings["Widget:PrivacyUrl"] = Notice);

    public async Task DisposeAsync() => await staff.DisposeAsync();

    [Fact]
    public async Task The_widget_links_the_privacy_notice_before_the_first_message()
    {
        var page = await staff.Context.NewPageAsync();
        await page.GotoAsync("/widget/demo.html");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apri la chat con Lucy" }).ClickAsync();

        var link = page.GetByRole(AriaRole.Link, new() { Name = "Come trattiamo i tuoi dati (informativa privacy)" });
        await Expect(link).ToHaveAttributeAsync("href", Notice);
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(page.Locator(".message")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page.Locator(".panel"), "widget-privacy-notice");

        var without = await browser.NewPageAsync();
        await without.GotoAsync("/widget/demo.html");
        await without.GetByRole(AriaRole.Button, new() { Name = "Apri la chat con Lucy" }).ClickAsync();
        await Expect(without.Locator(".intro")).ToBeVisibleAsync();
        await Expect(without.Locator(".privacy a")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_finds_a_customer_by_ticket_number_downloads_the_export_and_erases_it()
    {
        var admin = await StaffDesk.LoginAsync(staff.Host.Http);
        var (_, ticket) = await PrivacyScenario.ChatBecomesTicketAsync(staff.Host.Http, admin, "Maria Rossi", "333 123 4567");
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Privacy" }).ClickAsync();
        await page.GetByLabel("Cerca per").SelectOptionAsync("ticket");
        await page.GetByLabel("Valore").FillAsync(ticket);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerca" }).ClickAsync();

        await Expect(page.Locator("#privacy-found")).ToHaveTextAsync("Trovati: 1 conversazioni e 1 ticket.");
        await Screenshots.SaveAsync(page, "dashboard-privacy-found");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Scarica i dati (JSON)" }).ClickAsync());
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains(ticket, file);
        Assert.Contains("Maria Rossi", file);

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancella i dati" }).ClickAsync();
        Assert.Contains("Maria Rossi", (await admin.ExportedAsync(new { ticket })).GetRawText());
        await page.GetByRole(AriaRole.Button, new() { Name = "Conferma la cancellazione definitiva" }).ClickAsync();

        await Expect(page.Locator("#privacy-job")).ToHaveTextAsync("Cancellazione completata: 2 di 2 elementi.");
        await Screenshots.SaveAsync(page, "dashboard-privacy-erased");
        var erased = (await admin.ExportedAsync(new { ticket })).Items("tickets").Single().GetProperty("ticket").GetProperty("contact");
        Assert.Equal(PersonalData.Marker, erased.Text("name"));
    }

    [Fact]
    public async Task The_privacy_tab_is_for_admins_only()
    {
        var admin = await StaffDesk.LoginAsync(staff.Host.Http);
        await admin.HireAsync("sara", role: "supervisor");
        var page = await staff.LogInAsync("sara");

        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Squadra" })).ToBeVisibleAsync();
        await Expect(page.Locator("#tab-privacy")).ToBeHiddenAsync();
    }
}
