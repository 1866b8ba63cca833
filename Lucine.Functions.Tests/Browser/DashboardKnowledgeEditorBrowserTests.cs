using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The knowledge base's form editor and the customer texts' editor, as an admin uses them: edit a
/// topic's answer with a fact from the list, try the draft, save it, and the widget answers with it;
/// the server's errors on their fields; a text edited and saved, and the widget greeting with it.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardKnowledgeEditorBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private StaffBrowser staff = null!;

    public async Task InitializeAsync() => staff = await StaffBrowser.StartAsync(browser);

    public async Task DisposeAsync() => await staff.DisposeAsync();

    private async Task<IPage> KnowledgeTabAsync()
    {
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Base di conoscenza" }).ClickAsync();
        await Expect(page.Locator("#knowledge-current")).ToContainTextAsync("Versione 0");
        return page;
    }

    private async Task<ILocator> AskWidgetAsync(string question)
    {
        var widget = await WidgetPage.OpenChatAsync(await staff.Context.NewPageAsync());
        await WidgetPage.SendAsync(widget, question);
        return widget.Locator(".message.bot").Last;
    }

    [Fact]
    public async Task An_admin_edits_an_answer_in_the_form_tries_it_saves_it_and_the_widget_answers_with_it()
    {
        var page = await KnowledgeTabAsync();
        var prices = page.Locator("details.kb-topic[data-topic='prices']");
        var answer = page.Locator("[data-field='topics[0].answer.it']");

        await Expect(page.Locator("#knowledge-text")).ToBeHiddenAsync();
        await prices.Locator("summary").ClickAsync();
        await answer.FillAsync("Il biglietto intero della bozza costa ");
        await prices.GetByLabel("Inserisci un fatto nella risposta in italiano").SelectOptionAsync("price.intero");
        await Expect(answer).ToHaveValueAsync("Il biglietto intero della bozza costa {price.intero}");
        await page.Locator("#kb-try-question").FillAsync("Quanto costa il biglietto?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prova", Exact = true }).ClickAsync();

        var italian = page.Locator("#kb-try-result [data-language='it']");
        await Expect(italian.Locator(".kb-try-text")).ToHaveTextAsync("Il biglietto intero della bozza costa €9");
        await Expect(italian.Locator(".kb-try-topic")).ToContainTextAsync("Argomento: prices");
        await Expect(page.Locator("#kb-try-result [data-language='en'] .kb-try-text")).ToContainTextAsync("Standard (Intero) €9");
        await Expect(page.Locator("#knowledge-current")).ToContainTextAsync("Versione 0");
        await Screenshots.SaveAsync(page.Locator("#kb-try"), "knowledge-try");
        await Screenshots.SaveAsync(prices, "knowledge-topic-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "Salva come nuova versione" }).ClickAsync();

        await Expect(page.Locator("#knowledge-current")).ToContainTextAsync("Versione 1 · salvata da admin");
        await Expect(await AskWidgetAsync("Quanto costa il biglietto?")).ToContainTextAsync("Il biglietto intero della bozza costa €9");
    }

    [Fact]
    public async Task A_question_in_the_link_is_ready_in_the_try_box_and_the_servers_errors_show_on_their_fields()
    {
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await page.EvaluateAsync("() => { location.hash = '#knowledge?try=' + encodeURIComponent('Posso portare il drago?'); }");

        await Expect(page.Locator("#kb-try-question")).ToHaveValueAsync("Posso portare il drago?");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Base di conoscenza" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#knowledge-current")).ToContainTextAsync("Versione 0");

        // The JSON (for experts) and the form show the same draft: a mistake made in one is found on its field in the other.
        await page.GetByRole(AriaRole.Button, new() { Name = "JSON (esperti)" }).ClickAsync();
        var json = page.Locator("#knowledge-text");
        await json.FillAsync((await json.InputValueAsync()).Replace("\"ridott*\"", "\"ri*\"", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Modulo" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Prova", Exact = true }).ClickAsync();

        var keywords = page.Locator("[data-field='topics[1].keywords.it']");
        await Expect(keywords).ToHaveAttributeAsync("data-server-error", "true");
        await Expect(keywords).ToBeFocusedAsync();
        await Expect(keywords.Locator("xpath=following-sibling::p[contains(@class,'kb-field-error')]")).ToHaveTextAsync("Nella parola chiave «ri*», la radice «ri*» è troppo corta (almeno 3 lettere prima di *).");
        await Expect(page.Locator("#kb-try-result")).ToHaveTextAsync("La bozza ha errori: correggili per provarla.");
        await Screenshots.SaveAsync(page.Locator("details.kb-topic[data-topic='reduced']"), "knowledge-field-error");
    }

    [Fact]
    public async Task An_admin_edits_a_customer_text_sees_its_preview_and_the_widget_greets_with_it()
    {
        var page = await KnowledgeTabAsync();
        var greeting = page.Locator("[data-field='assistant.greeting.it']");
        var queue = page.Locator("[data-field='queue.entered.it']");

        await greeting.FillAsync("Benvenuto alle {event.name}! Sono Lucy, chiedimi pure.");
        await Expect(page.Locator(".text-item[data-key='assistant.greeting'] .text-preview").First).ToHaveTextAsync("Benvenuto alle Lucine di Natale! Sono Lucy, chiedimi pure.");
        await queue.FillAsync("Sei in coda.");
        await Expect(queue.Locator("xpath=following-sibling::p[contains(@class,'kb-field-error')]")).ToHaveTextAsync(new Regex("^Deve contenere \\{(position|minutes)\\}\\.$"));
        await page.Locator("#texts-filter").FillAsync("assistant.greeting");
        await Expect(page.Locator(".text-item:visible")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page.Locator(".text-item[data-key='assistant.greeting']"), "texts-editor-preview");
        await page.Locator("#texts-filter").FillAsync("");
        await Screenshots.SaveAsync(page.Locator(".text-item[data-key='queue.entered']"), "texts-editor-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva i testi" }).ClickAsync();

        await Expect(queue).ToHaveAttributeAsync("data-server-error", "true");
        await Expect(page.Locator("#texts-current")).ToContainTextAsync("Versione 0");

        await queue.FillAsync("Sei in coda: posizione {position}, circa {minutes} minuti.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva i testi" }).ClickAsync();

        await Expect(page.Locator("#texts-current")).ToContainTextAsync("Versione 1 · salvata da admin");
        await Expect(await AskWidgetAsync("ciao")).ToContainTextAsync("Benvenuto alle Lucine di Natale! Sono Lucy, chiedimi pure.");
    }
}
