using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tickets;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// Tickets in the chat widget: with nobody online the assistant takes the visitor's contact details
/// and the chat becomes a ticket; the link the customer receives later reopens that conversation.
/// Each test has its own Lucine (no operators at all) on the browser collection's Azurite.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed partial class WidgetTicketBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string StorageKey = "lucine.chat.v1";

    /// <summary>What the visitor says the request is about: the ticket's subject.</summary>
    private const string Need = "Vorrei spostare la mia visita a un altro giorno";

    private readonly List<IBrowserContext> contexts = [];

    private LucineHost host = null!;

    public async Task InitializeAsync()
    {
        var storage = browser.Host.Services.GetRequiredService<IConfiguration>()["Storage:ConnectionString"]!;
        host = await LucineHost.StartAsync(storage);
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        await host.DisposeAsync();
    }

    [Fact]
    public async Task With_nobody_online_the_visitor_leaves_name_and_email_and_reads_the_ticket_number()
    {
        // Letters only (a name has no digits), and markup that would run if it were ever parsed.
        const string Name = "<img src=x onerror=window.lucineXss=true>";
        var page = await OpenChatAsync();
        await SendAsync(page, "voglio parlare con un operatore");
        await page.Locator("button.action.command[data-action='request_operator']").ClickAsync();

        await Expect(page.Locator(".message.bot").Last).ToContainTextAsync("Come ti chiami?");
        await Expect(page.Locator(".status")).ToHaveTextAsync("Raccolta contatti per la richiesta allo staff");
        await Expect(page.Locator("button.action.command[data-action='cancel_ticket']")).ToHaveTextAsync("Annulla");
        await Expect(page.GetByRole(AriaRole.Textbox)).ToBeEnabledAsync();

        await SendAsync(page, Name);
        await Expect(page.Locator(".message.bot .text").Last).ToContainTextAsync($"Grazie, {Name}!");
        await Expect(page.Locator(".message.visitor .text").Last).ToHaveTextAsync(Name);
        await Expect(page.Locator("#lucine-chat img")).ToHaveCountAsync(0);

        await SendAsync(page, "maria.rossi@example.com");

        // Then what the request is about, in one message: nothing in the chat said it yet.
        await Expect(page.Locator(".message.bot .text").Last).ToHaveTextAsync("Ultima cosa: di cosa hai bisogno? Scrivilo in un messaggio, così lo staff sa già come aiutarti.");
        await Expect(page.Locator("button.action.command")).ToHaveCountAsync(1);
        await Expect(page.Locator("button.action.command[data-action='cancel_ticket']")).ToHaveTextAsync("Annulla");
        await Screenshots.SaveAsync(page, "widget-ticket-asks-the-need.png");
        await SendAsync(page, Need);

        var confirmation = page.Locator(".message.system .text").Last;
        await Expect(confirmation).ToHaveTextAsync(TicketCreated());
        await Expect(page.Locator(".status")).ToHaveTextAsync("Chat conclusa · scrivi per iniziarne una nuova");
        await Expect(page.Locator("button.action.command")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.lucineXss === undefined"));
        Assert.Equal("ended", (await StoredSessionAsync(page)).GetProperty("status").GetString());

        // The number shown is a real ticket, for the name exactly as typed.
        var number = NumberIn(await confirmation.TextContentAsync());
        var ticket = await CustomerReadsAsync(number);
        Assert.Equal("open", ticket.GetProperty("status").GetString());
        Assert.Equal(Need, ticket.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_phone_number_is_answered_with_whatsapp_and_sms_buttons_and_sms_opens_the_ticket()
    {
        var page = await OpenChatAsync();
        await SendAsync(page, "vorrei aprire un ticket");
        await Expect(page.Locator(".status")).ToHaveTextAsync("Raccolta contatti per la richiesta allo staff");
        await SendAsync(page, "Maria Rossi");
        await Expect(page.Locator(".message.bot").Last).ToContainTextAsync("Grazie, Maria Rossi!");
        await SendAsync(page, "333 123 4567");

        await Expect(page.Locator("button.action.command[data-action='contact_whatsapp']")).ToHaveTextAsync("WhatsApp");
        await page.Locator("button.action.command[data-action='contact_sms']").ClickAsync();
        await Expect(page.Locator(".message.visitor .text").Last).ToHaveTextAsync("SMS");
        await SendAsync(page, Need);

        await Expect(page.Locator(".message.system .text").Last).ToHaveTextAsync(TicketCreated());
        await Expect(page.Locator(".message.system .text").Last).ToContainTextAsync("via SMS (+393331234567)");
        await Expect(page.Locator(".status")).ToHaveTextAsync("Chat conclusa · scrivi per iniziarne una nuova");
    }

    [Fact]
    public async Task A_reload_while_the_contact_details_are_collected_reopens_the_chat_there()
    {
        var page = await OpenChatAsync();
        await SendAsync(page, "vorrei aprire un ticket");
        await Expect(page.Locator(".message.bot").Last).ToContainTextAsync("Come ti chiami?");

        await page.ReloadAsync();

        // No click: the panel is open again, and the answer goes on where it stopped.
        await Expect(page.Locator(".message.bot").Last).ToContainTextAsync("Come ti chiami?");
        await Expect(page.Locator(".status")).ToHaveTextAsync("Raccolta contatti per la richiesta allo staff");
        await SendAsync(page, "Maria Rossi");
        await Expect(page.Locator(".message.bot").Last).ToContainTextAsync("Grazie, Maria Rossi!");
    }

    [Fact]
    public async Task The_resume_link_reopens_the_ticket_conversation_in_place_of_the_widget_own_and_only_once()
    {
        var (number, sessionId) = await TicketFromChatAsync();
        const string Answer = "Ciao Maria, abbiamo spostato la tua visita a sabato 20 dicembre: il nuovo biglietto è nella tua email.";
        var desk = host.Services.GetRequiredService<TicketDesk>();
        Assert.Null((await desk.ApplyAsync(number, new TicketReplied("anna", Answer), CancellationToken.None)).Rejection);
        Assert.Null((await desk.ApplyAsync(number, new TicketNoted("anna", "nota solo per lo staff", Public: false), CancellationToken.None)).Rejection);
        var page = await OpenChatAsync();
        await SendAsync(page, "Quanto costano i biglietti?");
        await Expect(page.Locator(".message.bot")).ToHaveCountAsync(1);
        var resumes = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/tickets/resume", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref resumes);
            }
        };

        await page.GotoAsync($"/widget/demo.html?x=1&{ResumeQuery(number, Now())}#top");

        // Opened by itself, with the ticket's whole conversation and none of the widget's own.
        // The staff's answer first, as a staff message, then the two ways on, each named by what it does.
        var resumed = page.Locator(".message.system").Last;
        await Expect(resumed.Locator(".text")).ToHaveTextAsync(
            $"Bentornato! Qui sopra trovi la risposta dello staff al ticket {number}. Se ti serve altro, scegli come continuare.");
        await Expect(page.Locator(".message.operator .text")).ToHaveTextAsync([Answer]);
        await Expect(page.Locator(".message.operator .author")).ToHaveTextAsync(["anna"]);
        await Expect(page.Locator(".message .text").Filter(new() { HasText = "nota solo per lo staff" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".message.visitor .text")).ToHaveTextAsync(["voglio parlare con un operatore", "Sì, voglio parlare con una persona", "Maria Rossi", "maria.rossi@example.com", Need]);
        await Expect(page.Locator(".message.system .text").First).ToHaveTextAsync(TicketCreated());
        await Expect(page.Locator(".message .text").Filter(new() { HasText = "Quanto costano" })).ToHaveCountAsync(0);
        await Expect(page.Locator("button.action.command")).ToHaveCountAsync(2);
        await Expect(page.Locator("button.action.command[data-action='request_operator']")).ToHaveTextAsync("Parla con lo staff");
        await Expect(page.Locator("button.action.command[data-action='continue_ai']")).ToHaveTextAsync("Continua con l'assistente");
        await Screenshots.SaveAsync(page, "widget-resume-shows-the-staff-reply.png");

        // The link is gone from the address (the rest of it kept), and its session is the widget's now.
        Assert.EndsWith("/widget/demo.html?x=1#top", page.Url, StringComparison.Ordinal);
        Assert.Equal(sessionId, (await StoredSessionAsync(page)).GetProperty("sessionId").GetString());
        await page.Locator("button.action.command[data-action='continue_ai']").ClickAsync();
        await Expect(page.Locator(".message.bot").Last).ToContainTextAsync("Chiedimi pure");

        // A reload shows the same conversation without spending the link again.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apri la chat con Lucy" }).ClickAsync();
        await Expect(page.Locator(".message.bot").Last).ToContainTextAsync("Chiedimi pure");
        await Expect(page.Locator(".message.visitor .text").First).ToHaveTextAsync("voglio parlare con un operatore");
        Assert.Equal(1, Volatile.Read(ref resumes));
    }

    [Fact]
    public async Task An_invalid_resume_link_is_explained_and_the_chat_still_works()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/widget/demo.html?lucine_resume=LUC-2026-000001.99999999999.not-a-signature");

        await Expect(page.Locator(".notice")).ToHaveTextAsync("Il link per riprendere la conversazione non è valido. Scrivi pure qui: ti aiutiamo volentieri.");
        Assert.EndsWith("/widget/demo.html", page.Url, StringComparison.Ordinal);
        await SendAsync(page, "Quanto costano i biglietti?");
        await Expect(page.Locator(".message.bot").Last).ToContainTextAsync("Intero €9");
        await Expect(page.Locator(".notice")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_expired_resume_link_is_explained_in_the_page_language()
    {
        var (number, _) = await TicketFromChatAsync();
        var page = await NewPageAsync();

        await page.GotoAsync($"/widget/demo-en.html?{ResumeQuery(number, Now() - TimeSpan.FromDays(400))}");

        await Expect(page.Locator(".notice")).ToHaveTextAsync("The link to resume the conversation has expired. Just write here: we are happy to help.");
        await Expect(page.Locator(".message")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<string?>($"() => localStorage.getItem('{StorageKey}')"));
    }

    /// <summary>A visitor (over HTTP, as the widget does) with nobody online turns the chat into a ticket.</summary>
    private async Task<(TicketNumber Number, string SessionId)> TicketFromChatAsync()
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        var asked = await visitor.PressAsync("request_operator");
        Assert.Equal(SessionStatus.CollectingContact, asked.Status);
        await visitor.SayAsync("Maria Rossi");
        await visitor.SayAsync("maria.rossi@example.com");
        var created = await visitor.SayAsync(Need);
        Assert.Equal(SessionStatus.Ended, created.Status);
        return (NumberIn(created.Messages[^1].Text), visitor.SessionId!);
    }

    private DateTimeOffset Now() => host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>The query of the link the customer receives, made by the server's own credentials.</summary>
    private string ResumeQuery(TicketNumber number, DateTimeOffset issuedAt)
    {
        var url = new Uri(host.Services.GetRequiredService<TicketCredentials>().ResumeUrl(number, issuedAt));
        var query = url.Query.TrimStart('?');
        Assert.StartsWith("lucine_resume=", query, StringComparison.Ordinal);
        return query;
    }

    private async Task<JsonElement> CustomerReadsAsync(TicketNumber number)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/{number}");
        request.Headers.Add("X-Ticket-Access", host.Services.GetRequiredService<TicketCredentials>().AccessCode(number));
        using var response = await host.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET ticket: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static TicketNumber NumberIn(string? text)
    {
        var match = TicketNumberPattern().Match(text ?? string.Empty);
        Assert.True(match.Success && TicketNumber.TryParse(match.Value, out _), $"no ticket number in: {text}");
        TicketNumber.TryParse(match.Value, out var number);
        return number;
    }

    private static Regex TicketCreated() => new(@"^Fatto! La tua richiesta è il ticket LUC-\d{4}-\d{6}\. Lo staff ti risponderà entro .+");

    [GeneratedRegex(@"LUC-\d{4}-\d{6}")]
    private static partial Regex TicketNumberPattern();

    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    private async Task<IPage> OpenChatAsync() => await WidgetPage.OpenChatAsync(await NewPageAsync());

    private static Task SendAsync(IPage page, string text) => WidgetPage.SendAsync(page, text);

    private static async Task<JsonElement> StoredSessionAsync(IPage page) =>
        await page.EvaluateAsync<JsonElement>($"() => JSON.parse(localStorage.getItem('{StorageKey}'))");
}
