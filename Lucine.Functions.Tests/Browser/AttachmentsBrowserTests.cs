using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// Photos and PDFs in chats and tickets, through the widget and the dashboard in real Chromium (the
/// pages' own CSP, not bypassed: an image shown through an object URL proves <c>img-src blob:</c>).
/// Each test has its own Lucine (first admin Giulia) on the browser collection's Azurite, blobs included.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class AttachmentsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string AttachLabel = "Allega una foto o un PDF";

    /// <summary>The sentence of urn:lucine:problem:attachment-type-unsupported (widget/client/attachment-problems.js).</summary>
    private const string TypeRefused = "Questo file non si può inviare: solo foto (JPEG, PNG, WebP) e PDF.";

    private StaffBrowser staff = null!;
    private IBrowserContext visitor = null!;

    public async Task InitializeAsync()
    {
        staff = await StaffBrowser.StartAsync(browser);
        // The visitor's own browser: their session in their storage, not the staff's.
        visitor = await staff.OtherBrowserAsync(browser);
    }

    public async Task DisposeAsync()
    {
        await visitor.CloseAsync();
        await staff.DisposeAsync();
    }

    [Fact]
    public async Task A_photo_the_visitor_sends_from_the_widget_is_seen_by_the_operator_in_charge_and_in_the_transcript()
    {
        var png = SampleFiles.Png(48, 32);
        var (giulia, widget, sessionId) = await LiveChatAsync();

        await AttachInWidgetAsync(widget, new FilePayload { Name = "guanto-perso.png", MimeType = "image/png", Buffer = png });

        // The visitor sees their photo, drawn from its bytes (fetched with the session token).
        var sent = widget.Locator(".message.visitor:not(.pending) .attachment img.thumbnail");
        await Expect(sent).ToHaveAttributeAsync("alt", "guanto-perso.png");
        await Expect(sent).ToHaveJSPropertyAsync("naturalWidth", 48);
        Assert.StartsWith("blob:", await sent.GetAttributeAsync("src"), StringComparison.Ordinal);
        await Expect(widget.Locator(".message.upload")).ToHaveCountAsync(0);

        // Giulia, who has the chat, sees it in the timeline: the same image, fetched with her token.
        await giulia.Locator($"#chats li[data-session-id='{sessionId}'] .item-open").ClickAsync();
        var seen = giulia.Locator("#messages .msg.visitor .attachment img.thumbnail");
        await Expect(seen).ToHaveAttributeAsync("alt", "guanto-perso.png");
        await Expect(seen).ToHaveJSPropertyAsync("naturalWidth", 48);
        await Expect(seen).ToHaveJSPropertyAsync("naturalHeight", 32);
        Assert.StartsWith("blob:", await seen.GetAttributeAsync("src"), StringComparison.Ordinal);

        // A click shows it larger, and says so.
        var open = giulia.Locator("#messages .attachment-open");
        await open.ClickAsync();
        await Expect(open).ToHaveAttributeAsync("aria-expanded", "true");

        await Screenshots.SaveAsync(widget.Locator("#lucine-chat .panel"), "attachment-widget-photo");
        await Screenshots.SaveAsync(giulia, "attachment-dashboard-photo");

        // Ended, the conversation's transcript shows it too.
        var desk = await StaffDesk.LoginAsync(staff.Host.Http);
        Assert.Equal(HttpStatusCode.OK, (await desk.ActAsync(sessionId, "close", new { outcome = "resolved" })).StatusCode);
        await giulia.GetByRole(AriaRole.Tab, new() { Name = "Conversazioni" }).ClickAsync();
        await giulia.Locator("#conversations .conversation-item button.item-open").First.ClickAsync();
        var kept = giulia.Locator("#transcript-messages .msg.visitor .attachment img.thumbnail");
        await Expect(kept).ToHaveAttributeAsync("alt", "guanto-perso.png");
        await Expect(kept).ToHaveJSPropertyAsync("naturalWidth", 48);
    }

    [Fact]
    public async Task An_html_file_named_png_is_refused_with_the_servers_sentence_and_nothing_reaches_the_transcript()
    {
        var widget = await WidgetPage.OpenChatAsync(await visitor.NewPageAsync());
        await WidgetPage.SendAsync(widget, "Ho perso un guanto ieri sera");
        await Expect(widget.Locator(".message.bot").First).ToBeVisibleAsync();
        var (sessionId, token) = await StoredSessionAsync(widget);
        var before = await MessagesAsync(sessionId, token);

        // A file the widget knows the server would refuse goes nowhere, with the server's sentence.
        var requests = 0;
        widget.Request += (_, request) =>
        {
            if (request.Url.Contains("/attachments", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref requests);
            }
        };
        await AttachInWidgetAsync(widget, new FilePayload { Name = "appunti.txt", MimeType = "text/plain", Buffer = "ciao"u8.ToArray() });
        await Expect(widget.Locator("#lucine-chat .notice")).ToHaveTextAsync(TypeRefused);
        await AttachInWidgetAsync(widget, new FilePayload { Name = "IMG_0001.HEIC", MimeType = "image/heic", Buffer = [0, 0, 0, 0x18, .. "ftypheic"u8.ToArray(), 0, 0, 0, 0] });
        await Expect(widget.Locator("#lucine-chat .notice")).ToHaveTextAsync(new Regex("^Le foto HEIC non si possono inviare: inviala come JPEG"));
        await AttachInWidgetAsync(widget, new FilePayload { Name = "scontrino.jpg", MimeType = "image/jpeg", Buffer = new byte[(5 * 1024 * 1024) + 1] });
        await Expect(widget.Locator("#lucine-chat .notice")).ToHaveTextAsync("Il file è troppo grande: si possono inviare file fino a 5 MB.");
        Assert.Equal(0, Volatile.Read(ref requests));

        // HTML named .png passes the name and the browser's type: the server reads the bytes and refuses.
        var html = "<html><body><script>window.lucineXss = 1</script><img src=x onerror=\"window.lucineXss = 2\"></body></html>"u8.ToArray();
        var refused = await widget.RunAndWaitForResponseAsync(
            () => AttachInWidgetAsync(widget, new FilePayload { Name = "foto.png", MimeType = "image/png", Buffer = html }),
            response => response.Url.Contains($"/api/chat/{sessionId}/attachments", StringComparison.Ordinal) && response.Request.Method == "POST");
        Assert.Equal(415, refused.Status);
        var problem = await refused.JsonAsync();
        Assert.Equal("urn:lucine:problem:attachment-type-unsupported", problem!.Value.GetProperty("type").GetString());

        // The problem's sentence in the visitor's language (its detail is English, for developers).
        var failed = widget.Locator(".message.upload.failed");
        await Expect(failed.Locator(".upload-state")).ToHaveTextAsync(TypeRefused);
        await Expect(failed.Locator(".text")).ToHaveTextAsync("foto.png");
        // Sending the same bytes again would be refused again: only removing is offered.
        await Expect(failed.GetByRole(AriaRole.Button, new() { Name = "Riprova a inviare foto.png" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(widget.Locator("#lucine-chat .panel"), "attachment-widget-refused");
        await failed.GetByRole(AriaRole.Button, new() { Name = "Rimuovi foto.png" }).ClickAsync();
        await Expect(widget.Locator(".message.upload")).ToHaveCountAsync(0);

        var after = await MessagesAsync(sessionId, token);
        Assert.Equal(before.GetArrayLength(), after.GetArrayLength());
        Assert.DoesNotContain(after.EnumerateArray(), m => m.TryGetProperty("attachment", out var a) && a.ValueKind != JsonValueKind.Null);
        Assert.Null(await widget.EvaluateAsync<int?>("() => window.lucineXss"));
    }

    [Fact]
    public async Task A_pdf_the_operator_attaches_reaches_the_visitor_as_a_download_with_its_name()
    {
        var pdf = SampleFiles.Pdf("Biglietto 20/12");
        var (giulia, widget, sessionId) = await LiveChatAsync();
        await giulia.Locator($"#chats li[data-session-id='{sessionId}'] .item-open").ClickAsync();
        await Expect(giulia.Locator("#chat")).ToHaveAttributeAsync("data-status", "with_operator");

        var chooser = await giulia.RunAndWaitForFileChooserAsync(() => giulia.Locator("#composer").GetByRole(AriaRole.Button, new() { Name = AttachLabel }).ClickAsync());
        Assert.Equal("image/jpeg,image/png,image/webp,application/pdf", await chooser.Element.GetAttributeAsync("accept"));
        await chooser.SetFilesAsync(new FilePayload { Name = "biglietto-20-dicembre.pdf", MimeType = "application/pdf", Buffer = pdf });

        await Expect(giulia.Locator("#messages .msg.operator .attachment-file")).ToContainTextAsync("biglietto-20-dicembre.pdf");
        var link = widget.Locator(".message.operator .attachment-file");
        await Expect(link).ToContainTextAsync("biglietto-20-dicembre.pdf");
        await Expect(link).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^Scarica biglietto-20-dicembre\\.pdf \\(\\d+ KB\\)$"));

        var download = await widget.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("biglietto-20-dicembre.pdf", download.SuggestedFilename);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(await download.PathAsync()));
        await Screenshots.SaveAsync(widget.Locator("#lucine-chat .panel"), "attachment-widget-pdf");
    }

    [Fact]
    public async Task Staff_attach_a_photo_to_a_ticket_and_it_shows_in_its_history()
    {
        using var created = await staff.Host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria Rossi", contact = "maria.rossi@example.com", message = "Mi mandate la piantina del parcheggio?" });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST /api/tickets: {(int)created.StatusCode} {body}");
        var number = JsonDocument.Parse(body).RootElement.GetProperty("number").GetString()!;
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Ticket" }).ClickAsync();
        await page.Locator($"#tickets li[data-number='{number}'] .item-open").ClickAsync();
        await Expect(page.Locator("#ticket-number")).ToHaveTextAsync(number);

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("#ticket-composer").GetByRole(AriaRole.Button, new() { Name = AttachLabel }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "piantina-parcheggio.png", MimeType = "image/png", Buffer = SampleFiles.Png(64, 40) });

        var image = page.Locator("#ticket-entries .entry.reply .attachment img.thumbnail");
        await Expect(image).ToHaveAttributeAsync("alt", "piantina-parcheggio.png");
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 64);
        await Expect(page.Locator("#ticket-composer .attach-state")).ToBeHiddenAsync();
        await image.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "attachment-dashboard-ticket");
    }

    /// <summary>Giulia online in the dashboard, and a visitor in the widget whom she has been given.</summary>
    private async Task<(IPage Giulia, IPage Widget, string SessionId)> LiveChatAsync()
    {
        var giulia = await staff.LogInAsync(StaffDesk.AdminUsername);
        await StaffBrowser.SetAvailabilityAsync(giulia, "online");

        var widget = await WidgetPage.OpenChatAsync(await visitor.NewPageAsync());
        await WidgetPage.SendAsync(widget, "voglio parlare con un operatore");
        await widget.Locator("button.action.command[data-action='request_operator']").ClickAsync();
        await Expect(widget.Locator(".status")).ToHaveTextAsync("In chat con Giulia");
        var (sessionId, _) = await StoredSessionAsync(widget);
        await Expect(giulia.Locator($"#chats li[data-session-id='{sessionId}']")).ToBeVisibleAsync();
        return (giulia, widget, sessionId);
    }

    /// <summary>The visitor presses the attach button and picks the file in the browser's chooser.</summary>
    private static async Task AttachInWidgetAsync(IPage widget, FilePayload file)
    {
        var chooser = await widget.RunAndWaitForFileChooserAsync(() => widget.GetByRole(AriaRole.Button, new() { Name = AttachLabel }).ClickAsync());
        Assert.Equal("image/jpeg,image/png,image/webp,application/pdf", await chooser.Element.GetAttributeAsync("accept"));
        await chooser.SetFilesAsync(file);
    }

    private static async Task<(string SessionId, string SessionToken)> StoredSessionAsync(IPage page)
    {
        var stored = await page.EvaluateAsync<JsonElement>("() => JSON.parse(localStorage.getItem('lucine.chat.v1'))");
        return (stored.GetProperty("sessionId").GetString()!, stored.GetProperty("sessionToken").GetString()!);
    }

    private async Task<JsonElement> MessagesAsync(string sessionId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/chat/{sessionId}/messages?after=0");
        request.Headers.Add("X-Session-Token", token);
        using var response = await staff.Host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET messages: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("messages").Clone();
    }
}
