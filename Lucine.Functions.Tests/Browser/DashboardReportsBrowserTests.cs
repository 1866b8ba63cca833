using Lucine.Functions.BlindSpots;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.BlindSpots;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The Statistiche tab in Chromium, on real conversations: the charts (Chart.js under the
/// dashboard's Content-Security-Policy), the same figures as tables, an operator's own figures, and
/// the admins' blind spots answered by a topic of the knowledge base.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardReportsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private StaffBrowser staff = null!;
    private StaffDesk admin = null!;
    private ObservedBlindSpots notes = null!;

    public async Task InitializeAsync()
    {
        staff = await StaffBrowser.StartAsync(browser, services: ObservedBlindSpots.Register);
        admin = await StaffDesk.LoginAsync(staff.Host.Http);
        notes = staff.Host.Services.GetRequiredService<ObservedBlindSpots>();
    }

    public async Task DisposeAsync() => await staff.DisposeAsync();

    [Fact]
    public async Task The_tab_charts_the_conversations_and_shows_the_same_figures_as_tables()
    {
        var sara = await admin.HireAsync("sara");
        await AssistantOnlyAsync("Quanto costa il biglietto?");
        await AssistantOnlyAsync("A che ora aprite?");
        await WithOperatorAsync(sara);
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) { violations.Add(message.Text); } };

        await page.GetByRole(AriaRole.Tab, new() { Name = "Statistiche" }).ClickAsync();

        var keys = page.Locator("#reports-keys");
        await Expect(keys.Locator("div").Filter(new() { HasText = "Conversazioni" }).Locator("dd")).ToHaveTextAsync("3");
        var charts = page.Locator("#reports-charts canvas[role=img]");
        await Expect(charts).ToHaveCountAsync(7);
        await Expect(charts.First).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Grafico: Conversazioni al giorno per esito"));
        Assert.True(await charts.First.EvaluateAsync<bool>("canvas => canvas.width > 0 && !!window.Chart && !!window.Chart.getChart(canvas)"));
        await Expect(page.Locator("#reports-operators")).ToContainTextAsync("sara");
        await Screenshots.SaveAsync(page, "reports");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Scarica CSV" }).ClickAsync());
        var csv = (await File.ReadAllTextAsync(await download.PathAsync())).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(1 + 7 + 1, csv.Length); // the header, the 7 days of the preset, the totals

        await page.GetByRole(AriaRole.Button, new() { Name = "Mostra come tabelle" }).ClickAsync();

        await Expect(charts).ToHaveCountAsync(0);
        var perDay = page.Locator("#reports-tables-view table[data-figure=per-day]");
        await Expect(perDay.Locator("caption")).ToHaveTextAsync("Conversazioni al giorno per esito");
        await Expect(perDay.Locator("thead th")).ToHaveTextAsync(["Giorno", "Solo assistente", "Passate a un operatore", "Abbandonate in coda", "Diventate ticket"]);
        var today = perDay.Locator("tbody tr").Last;
        await Expect(today.Locator("td").First).ToHaveTextAsync("2");
        await Expect(today.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Expect(page.Locator("#reports-tables-view table[data-figure=languages]")).ToContainTextAsync("Italiano");
        await Screenshots.SaveAsync(page, "reports-tables");
        Assert.Empty(violations);

        var operatorPage = await staff.LogInAsync("sara");
        await operatorPage.GetByRole(AriaRole.Tab, new() { Name = "Statistiche" }).ClickAsync();
        await Expect(operatorPage.Locator("#reports-keys div").Filter(new() { HasText = "Chat" }).First.Locator("dd")).ToHaveTextAsync("1");
        await Expect(operatorPage.Locator("#reports-charts canvas[role=img]")).ToHaveCountAsync(2);
        await Expect(operatorPage.Locator("#reports-csv")).ToBeHiddenAsync();
        await Expect(operatorPage.Locator("#blind-spots-section")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_admin_marks_a_blind_spot_answered_by_a_topic_and_opens_it_in_the_knowledge_base()
    {
        await new Visitor(staff.Host.Http).SayAsync(BlindSpotApiTests.Question);
        await new Visitor(staff.Host.Http).SayAsync(BlindSpotApiTests.OtherPhrasing);
        await notes.HandledAsync(2);
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Statistiche" }).ClickAsync();

        var group = page.Locator("#blind-spots li.blind-spot");
        await Expect(group).ToHaveCountAsync(1);
        await Expect(group.Locator(".blind-spot-keywords li")).ToHaveTextAsync(["batteria", "drone", "usare"]);
        await Expect(group.Locator(".blind-spot-count")).ToHaveTextAsync("2 volte");
        await Expect(group.Locator(".blind-spot-examples li")).ToHaveTextAsync([BlindSpotApiTests.OtherPhrasing, BlindSpotApiTests.Question]);
        await Screenshots.SaveAsync(page.Locator("#blind-spots-section"), "blind-spots");

        await group.GetByLabel("Argomento che risponde").SelectOptionAsync("pets");
        await group.GetByRole(AriaRole.Button, new() { Name = "Segna come risolto" }).ClickAsync();

        await Expect(page.Locator("#blind-spots-empty")).ToBeVisibleAsync();
        var answered = Assert.Single((await StaffDesk.ReadAsync<BlindSpotsResponse>(await admin.SendAsync(HttpMethod.Get, BlindSpotEndpoints.Path + "?status=answered"))).Groups);
        Assert.Equal("pets", answered.Topic);

        await page.Locator("#blind-spots-status").SelectOptionAsync("answered");
        await Expect(group.Locator(".blind-spot-topic")).ToHaveTextAsync("Risolto dall'argomento «pets»");
        await group.GetByRole(AriaRole.Link, new() { Name = "Apri «pets» nella base di conoscenza" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Base di conoscenza" })).ToHaveAttributeAsync("aria-selected", "true");
        var topic = page.Locator(".kb-topic[data-topic='pets']");
        await Expect(topic).ToHaveAttributeAsync("open", "");
        await Expect(topic.Locator("summary")).ToBeFocusedAsync();
    }

    private async Task AssistantOnlyAsync(string question)
    {
        var visitor = new Visitor(staff.Host.Http);
        await visitor.SayAsync(question);
        await visitor.PressAsync("end_chat");
    }

    private async Task WithOperatorAsync(StaffDesk sara)
    {
        var visitor = new Visitor(staff.Host.Http);
        await visitor.SayAsync("Vorrei parlare con un operatore");
        // Sara is online with room: the router gives her the chat at once.
        Assert.Equal(SessionStatus.WithOperator, (await visitor.PressAsync("request_operator")).Status);
        Assert.Equal(HttpStatusCode.OK, (await sara.WriteAsync(visitor.SessionId!, "Buonasera, come posso aiutarla?")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sara.ActAsync(visitor.SessionId!, "close", new { outcome = "resolved" })).StatusCode);
    }
}
