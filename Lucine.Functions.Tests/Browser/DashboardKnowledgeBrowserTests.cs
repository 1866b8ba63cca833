using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Knowledge;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The admins' knowledge base tab: edit the JSON (the experts' view), save it as a new version that visitors get at once,
/// read the server's refusals as text, lose a race politely, restore an old version. Operators do not
/// see the tab. Each test has its own Lucine (first admin Giulia) on the browser collection's Azurite.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardKnowledgeBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private StaffBrowser staff = null!;

    public async Task InitializeAsync() => staff = await StaffBrowser.StartAsync(browser);

    public async Task DisposeAsync() => await staff.DisposeAsync();

    [Fact]
    public async Task An_admin_edits_saves_is_told_every_mistake_loses_a_race_and_restores_while_operators_never_see_the_tab()
    {
        const string Attack = "<img src=x onerror=window.lucineXss=1>";
        var desk = await StaffDesk.LoginAsync(staff.Host.Http);
        await desk.HireAsync("elfo", role: "operator");
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = "Base di conoscenza" });
        var editor = page.GetByRole(AriaRole.Textbox, new() { Name = "Documento (JSON)" });
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Salva come nuova versione" });

        await tab.ClickAsync();

        await Expect(page.Locator("#knowledge-current")).ToHaveTextAsync(new Regex("^Versione 0 · file distribuito con l'applicazione · \\d+ byte$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "JSON (esperti)" }).ClickAsync();
        await Expect(editor).ToHaveValueAsync(new Regex("\"price.intero\": \"€9\""));

        // A changed price is a new version, and visitors get it at once.
        await editor.FillAsync((await editor.InputValueAsync()).Replace("\"price.intero\": \"€9\"", "\"price.intero\": \"€11\"", StringComparison.Ordinal));
        await save.ClickAsync();

        await Expect(page.Locator(".toast").Filter(new() { HasText = "Salvata la versione 1: l'assistente la usa già." })).ToBeVisibleAsync();
        await Expect(page.Locator("#knowledge-current")).ToContainTextAsync("Versione 1 · salvata da admin · ");
        await Expect(page.Locator("#knowledge-versions li")).ToHaveCountAsync(2);
        Assert.Contains("€11", (await new Visitor(staff.Host.Http).SayAsync(KnowledgeAdmin.PriceQuestion)).Reply);

        // Mistakes are listed as the server found them, each with its field, in the console's language, as text; nothing is saved.
        var saved = await editor.InputValueAsync();
        await editor.FillAsync(saved
            .Replace("\"topics\":", $"\"{Attack}\": 1,\n  \"topics\":", StringComparison.Ordinal));
        await save.ClickAsync();

        await Expect(page.Locator("#knowledge-detail")).ToHaveTextAsync("Non salvato: 1 errore.");
        await Expect(page.Locator("#knowledge-errors li")).ToContainTextAsync(["il documento non ha la forma prevista: un campo sconosciuto"]);
        await Expect(page.Locator("#knowledge-errors li")).ToContainTextAsync([Attack]);
        await Expect(page.Locator("#view-knowledge img")).ToHaveCountAsync(0);

        await editor.FillAsync(saved
            .Replace("\"price.intero\": \"€11\"", "\"price.intero\": \"\"", StringComparison.Ordinal)
            .Replace("https://wa.me/393123456789", "http://wa.me/393123456789", StringComparison.Ordinal));
        await save.ClickAsync();

        await Expect(page.Locator("#knowledge-detail")).ToHaveTextAsync("Non salvato: 2 errori.");
        await Expect(page.Locator("#knowledge-errors li")).ToHaveTextAsync(
        [
            "facts.price.intero: Il valore del fatto «price.intero» è vuoto.",
            "links.whatsapp.url: «http://wa.me/393123456789» non va bene: serve un indirizzo https, mailto o tel completo, o un solo fatto che ne contenga uno.",
        ]);

        // Another admin saves meanwhile: this edit of version 1 is refused, and says why.
        await new KnowledgeAdmin(staff.Host.Http, desk.Token).SaveAsync(KnowledgeAdmin.WithPrice("€12"));
        await editor.FillAsync(saved.Replace("\"price.intero\": \"€11\"", "\"price.intero\": \"€13\"", StringComparison.Ordinal));
        await save.ClickAsync();

        await Expect(page.Locator("#knowledge-detail")).ToContainTextAsync("Nel frattempo è stata salvata la versione 2: niente è stato salvato.");
        Assert.Contains("€12", (await new Visitor(staff.Host.Http).SayAsync(KnowledgeAdmin.PriceQuestion)).Reply);

        // Reloading shows version 2; restoring the shipped file makes it version 3.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ricarica la versione attuale" }).ClickAsync();
        await Expect(page.Locator("#knowledge-current")).ToContainTextAsync("Versione 2 · ");
        await Expect(page.Locator("#knowledge-problem")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ripristina la versione 0" }).ClickAsync();

        await Expect(page.Locator("#knowledge-current")).ToContainTextAsync("Versione 3 · salvata da admin · ");
        await Expect(page.Locator("#knowledge-current")).ToContainTextAsync("ripristino della versione 0");
        await Expect(editor).ToHaveValueAsync(new Regex("\"price.intero\": \"€9\""));
        await Expect(page.Locator("#knowledge-versions li[data-version='3'] .badge")).ToHaveTextAsync("in uso");
        Assert.Contains("€9", (await new Visitor(staff.Host.Http).SayAsync(KnowledgeAdmin.PriceQuestion)).Reply);
        Assert.True(await page.EvaluateAsync<bool>("() => window.lucineXss === undefined"));

        // An operator's console has no such tab.
        var operatorPage = await staff.LogInAsync("elfo");
        await Expect(operatorPage.GetByRole(AriaRole.Tab, new() { Name = "Ticket" })).ToBeVisibleAsync();
        await Expect(operatorPage.Locator("#tab-knowledge")).ToBeHiddenAsync();
    }
}
