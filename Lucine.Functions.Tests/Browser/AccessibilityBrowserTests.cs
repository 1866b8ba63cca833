using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>axe-core on the widget, on every tab of the dashboard and on what the dashboard opens over or in them: no serious or critical violation.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_widget_has_no_serious_violation_before_and_after_a_message()
    {
        await using var context = await Axe.NewContextAsync(browser, browser.Host);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/widget/demo.html");
        var launcher = await Axe.SeriousViolationsAsync(page);

        await WidgetPage.OpenChatAsync(page);
        await WidgetPage.SendAsync(page, "Quanto costano i biglietti?");
        await Expect(page.Locator(".message.bot")).ToContainTextAsync("Intero");
        var chat = await Axe.SeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page.Locator("#lucine-chat .panel"), "widget-default-theme");

        Assert.True(launcher.Count == 0 && chat.Count == 0, "Launcher:\n" + string.Join("\n", launcher) + "\nOpen chat:\n" + string.Join("\n", chat));
    }

    [Fact]
    public async Task Every_dashboard_tab_has_no_serious_violation()
    {
        await using var staff = await StaffBrowser.StartAsync(browser);
        var admin = await StaffDesk.LoginAsync(staff.Host.Http);
        await admin.SetAvailabilityAsync("online");
        var (sessionId, _) = await VisitorOverHttp.AsksForAPersonAsync(staff.Host.Http, "Vorrei parlare con qualcuno", "with_operator");
        Assert.Equal(HttpStatusCode.OK, (await admin.WriteAsync(sessionId, "Buonasera, sono qui")).StatusCode);
        await using var context = await Axe.NewContextAsync(browser, staff.Host);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard/");
        var found = (await Axe.SeriousViolationsAsync(page)).Select(v => "login: " + v).ToList();

        page = await StaffBrowser.LogInAsync(context, StaffDesk.AdminUsername);
        await page.Locator("#chats li").First.ClickAsync();
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-session-id", sessionId);
        // The tabs found in the page, not a list written here: a tab added later is checked too.
        var tabs = page.Locator("[role=tab]:visible");
        var count = await tabs.CountAsync();
        Assert.True(count >= 9, $"An admin sees every tab; found {count}.");
        for (var i = 0; i < count; i++)
        {
            var tab = tabs.Nth(i);
            var name = await tab.GetAttributeAsync("id");
            await tab.ClickAsync();
            await Expect(page.Locator("#" + await tab.GetAttributeAsync("aria-controls"))).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => name + ": " + v));
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
    [Fact]
    public async Task Every_dashboard_dialog_panel_and_drawer_has_no_serious_violation()
    {
        await using var staff = await StaffBrowser.StartAsync(browser);
        var admin = await StaffDesk.LoginAsync(staff.Host.Http);
        await admin.SetAvailabilityAsync("online");
        var (sessionId, _) = await VisitorOverHttp.AsksForAPersonAsync(staff.Host.Http, "Vorrei parlare con qualcuno", "with_operator");
        await using var context = await Axe.NewContextAsync(browser, staff.Host);
        var page = await StaffBrowser.LogInAsync(context, StaffDesk.AdminUsername);
        var found = new List<string>();
        async Task Check(string what, ILocator opened)
        {
            await Expect(opened).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => what + ": " + v));
        }

        await page.Locator(".health summary").ClickAsync();
        await Check("health", page.Locator("#version"));
        await page.Locator("#preferences-open").ClickAsync();
        await Check("preferences", page.Locator("#preferences"));
        await page.Locator("#preferences-open").ClickAsync();
        await page.Locator("#account-open").ClickAsync();
        await Check("account", page.Locator("#account"));
        await page.Locator("#account-close").ClickAsync();
        await Expect(page.Locator("#account")).ToBeHiddenAsync();

        await page.Locator("#chats li").First.ClickAsync();
        await Expect(page.Locator("#chat")).ToHaveAttributeAsync("data-session-id", sessionId);
        foreach (var (button, drawer) in new[] { ("#action-transfer", "#transfer-form"), ("#action-close", "#close-form"), ("#action-ticket", "#ticket-form") })
        {
            await page.Locator(button).ClickAsync();
            await Check(drawer, page.Locator(drawer));
        }

        await page.Locator("#ticket-form-name").FillAsync("Maria Rossi");
        await page.Locator("#ticket-form-contact").FillAsync("maria.rossi@example.com");
        await page.Locator("#ticket-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#ticket-form")).ToBeHiddenAsync();
        await page.Locator("#tab-tickets").ClickAsync();
        await Check("open ticket", page.Locator("#ticket-body"));

        await page.Locator("#tab-team").ClickAsync();
        await page.Locator("#team-new").ClickAsync();
        await Check("team form", page.Locator("#team-form"));

        await page.Locator("#tab-knowledge").ClickAsync();
        await page.Locator(".kb-topic summary").First.ClickAsync();
        await Check("knowledge topic", page.Locator(".kb-topic[open]").First);
        await page.Locator("#knowledge-mode-json").ClickAsync();
        await Check("knowledge JSON", page.Locator("#knowledge-json"));

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
