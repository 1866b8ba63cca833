using System.Diagnostics.Metrics;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Tests.Operators;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lucine.Functions.Tests.Browser;

/// <summary>
/// The team in the dashboard: presence when a browser is closed (not logged out), an admin's
/// deactivation of someone logged in elsewhere, a reset password chosen again, an office logging in.
/// Each colleague has their own browser context, as on their own computer.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", Layer.Browser)]
public sealed class DashboardTeamBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly ShiftedClock clock = new();
    private StaffBrowser staff = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        staff = await StaffBrowser.StartAsync(browser, clock: clock, more: settings => settings["Operators:PresenceGrace"] = Grace.ToString());
        admin = await StaffDesk.LoginAsync(staff.Host.Http);
    }

    public async Task DisposeAsync() => await staff.DisposeAsync();

    private async Task HireAsync(string username) =>
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(HttpMethod.Post, "/api/operators",
            new { username, displayName = "Op " + username, password = StaffDesk.AdminPassword })).StatusCode);

    private async Task<ILocator> OpenTeamAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Squadra" }).ClickAsync();
        var rows = page.Locator("#team-rows");
        await Expect(rows.Locator("tr")).Not.ToHaveCountAsync(0);
        return rows;
    }

    [Fact]
    public async Task An_operator_who_closes_the_browser_is_away_after_the_grace_period_and_the_next_visitor_is_not_promised_to_them()
    {
        await HireAsync("sara");
        using var meters = new MeterWatcher(staff.Host.Services.GetRequiredService<IMeterFactory>());
        var laptop = await staff.OtherBrowserAsync(browser);
        var sara = await StaffBrowser.LogInAsync(laptop, "sara");
        await StaffBrowser.SetAvailabilityAsync(sara, "online");
        await meters.WhenTotalAsync(OperatorPresence.ConnectedInstrument, 1);

        // Closed, not logged out: the browser just goes away.
        await laptop.CloseAsync();
        await meters.WhenTotalAsync(OperatorPresence.DisconnectedInstrument, 1);
        clock.Advance(Grace);
        Assert.Equal(HttpStatusCode.OK, (await staff.Host.Http.PostAsync("/SweepPresence", null)).StatusCode);

        // Nobody is at the desk any more: the visitor is offered a ticket, not "Op sara is now in chat with you".
        var first = await VisitorOverHttp.PostAsync(staff.Host.Http, new { message = "Vorrei parlare con qualcuno" }, token: null);
        var escalated = await VisitorOverHttp.PostAsync(staff.Host.Http,
            new { action = "request_operator", sessionId = first.GetProperty("sessionId").GetString() }, first.GetProperty("sessionToken").GetString());
        Assert.Equal("collecting_contact", escalated.GetProperty("status").GetString());
        Assert.DoesNotContain("sara", escalated.GetProperty("reply").GetString(), StringComparison.OrdinalIgnoreCase);
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        var rows = await OpenTeamAsync(page);
        var saraRow = rows.Locator("tr[data-username='sara']");
        await Expect(saraRow).ToContainTextAsync("Assente");
        await Expect(saraRow).ToContainTextAsync("non connesso");
        await Screenshots.SaveAsync(page, "team-page");
        Assert.Equal(OperatorAvailability.Away, (await StaffDesk.ReadAsync<ItemsResponse<OperatorProfile>>(await admin.SendAsync(HttpMethod.Get, "/api/operators"))).Items.Single(o => o.Username == "sara").Availability);
    }

    [Fact]
    public async Task An_admin_deactivates_an_operator_logged_in_elsewhere_whose_next_call_is_refused_and_whose_chat_goes_back_to_the_queue()
    {
        await HireAsync("sara");
        await using var laptop = await staff.OtherBrowserAsync(browser);
        var sara = await StaffBrowser.LogInAsync(laptop, "sara");
        await StaffBrowser.SetAvailabilityAsync(sara, "online");
        var (sessionId, _) = await VisitorOverHttp.AsksForAPersonAsync(staff.Host.Http, "Ho perso il mio biglietto", "with_operator");
        await Expect(sara.Locator($"#chats [data-key='{sessionId}']")).ToBeVisibleAsync();

        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        var rows = await OpenTeamAsync(page);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await rows.GetByRole(AriaRole.Button, new() { Name = "Disattiva: Op sara" }).ClickAsync();
        await Expect(rows.Locator("tr[data-username='sara']")).ToContainTextAsync("disattivato");

        // Her next call is refused: the console goes back to the login.
        await sara.GetByLabel("Disponibilità").SelectOptionAsync("away");
        await Expect(sara.Locator("#login-view")).ToBeVisibleAsync();
        await Expect(sara.Locator("#login-error")).ToContainTextAsync("La sessione è scaduta");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Chat" }).ClickAsync();
        await Expect(page.Locator($"#queue [data-key='{sessionId}']")).ToBeVisibleAsync();
        var queue = await admin.QueueAsync();
        Assert.Equal(sessionId, Assert.Single(queue).SessionId);
    }

    [Fact]
    public async Task An_admin_creates_an_operator_gives_a_temporary_password_and_the_operator_chooses_their_own_before_anything_else()
    {
        var page = await staff.LogInAsync(StaffDesk.AdminUsername);
        await OpenTeamAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nuovo operatore" }).ClickAsync();
        var form = page.Locator("#team-form");
        await form.GetByLabel("Nome utente").FillAsync("marta");
        await form.GetByLabel("Nome visualizzato").FillAsync("Marta <b>Rossi</b>");
        await form.GetByLabel("Password").FillAsync("corta");
        await form.GetByRole(AriaRole.Button, new() { Name = "Salva" }).ClickAsync();
        await Expect(page.Locator("#team-problem")).ToBeVisibleAsync();
        await form.GetByLabel("Password").FillAsync("una password lunga e buona");
        await form.GetByRole(AriaRole.Button, new() { Name = "Salva" }).ClickAsync();
        var row = page.Locator("#team-rows tr[data-username='marta']");
        await Expect(row).ToContainTextAsync("Marta <b>Rossi</b>");

        await row.GetByRole(AriaRole.Button, new() { Name = "Password temporanea: Marta <b>Rossi</b>" }).ClickAsync();
        await form.GetByLabel("Password").FillAsync("temporanea 2026!");
        await form.GetByRole(AriaRole.Button, new() { Name = "Salva" }).ClickAsync();
        await Expect(row).ToContainTextAsync("deve scegliere la password");

        await using var desk = await staff.OtherBrowserAsync(browser);
        var marta = await desk.NewPageAsync();
        await marta.GotoAsync("/dashboard/");
        await marta.Locator("#login-form").GetByLabel("Nome utente").FillAsync("marta");
        await marta.Locator("#login-form").GetByLabel("Password").FillAsync("temporanea 2026!");
        await marta.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        var dialog = marta.Locator("#account");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Scegli la tua password");
        await Screenshots.SaveAsync(marta, "account-forced-password");
        await marta.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeVisibleAsync();

        await dialog.GetByLabel("Password attuale").FillAsync("temporanea 2026!");
        await dialog.GetByLabel("Nuova password (almeno 12 caratteri)").FillAsync("la mia password segreta");
        await dialog.GetByLabel("Ripeti la nuova password").FillAsync("la mia password segreta");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cambia la password" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(marta.Locator("#realtime")).ToHaveAttributeAsync("data-state", "connected");
        await StaffBrowser.SetAvailabilityAsync(marta, "online");
        Assert.False((await StaffDesk.ReadAsync<ItemsResponse<OperatorProfile>>(await admin.SendAsync(HttpMethod.Get, "/api/operators"))).Items.Single(o => o.Username == "marta").MustChangePassword);
    }

    [Fact]
    public async Task Twelve_colleagues_log_in_one_after_the_other_at_the_office()
    {
        var colleagues = Enumerable.Range(1, 12).Select(i => $"collega{i}").ToList();
        foreach (var username in colleagues)
        {
            await HireAsync(username);
        }

        var page = await staff.Context.NewPageAsync();
        await page.GotoAsync("/dashboard/");
        foreach (var username in colleagues)
        {
            await page.Locator("#login-form").GetByLabel("Nome utente").FillAsync(username);
            await page.Locator("#login-form").GetByLabel("Password").FillAsync(StaffDesk.AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
            await Expect(page.Locator("#me-name")).ToHaveTextAsync("Op " + username);
            await page.GetByRole(AriaRole.Button, new() { Name = "Esci" }).ClickAsync();
            await Expect(page.Locator("#login-view")).ToBeVisibleAsync();
        }

        await Expect(page.Locator("#login-error")).ToBeHiddenAsync();
    }
}
