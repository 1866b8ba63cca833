using Lucine.Functions.Chat;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.History;

/// <summary>
/// Where the visitor is, from the widget to the operator: checked at the edge, kept with the first
/// message, followed page by page; the widget's own id kept only as a keyed hash.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class VisitorContextApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string WidgetId = "Qm9uam91ci1sYS1sdW5hLTE";
    private const string OtherWidgetId = "T3RoZXItYnJvd3Nlci1pZC0y";

    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static Dictionary<string, object?> Context(string widgetId = WidgetId) => new()
    {
        ["pageUrl"] = "https://www.example.org/biglietti?utm=x",
        ["pageTitle"] = "Biglietti – Lucine",
        ["referrer"] = "https://www.google.com/",
        ["device"] = "mobile",
        ["language"] = "it-IT",
        ["widgetId"] = widgetId,
    };

    /// <summary>A visitor who wrote with <paramref name="context"/>, then asked for a person with the button.</summary>
    private async Task<Visitor> EscalatedAsync(object context)
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("Il biglietto non è arrivato via email", context);
        await visitor.SayAsync("voglio parlare con un operatore");
        await visitor.PressAsync("request_operator");
        return visitor;
    }

    [Fact]
    public async Task The_context_of_the_first_message_reaches_the_operator_with_the_queue_preview()
    {
        var solo = await admin.HireAsync("solo", capacity: 1);
        await EscalatedAsync(Context(OtherWidgetId));
        var visitor = await EscalatedAsync(Context());

        var waiting = Assert.Single(await solo.QueueAsync());
        Assert.Equal("voglio parlare con un operatore", waiting.Preview);
        var chat = await admin.HistoryAsync(visitor.SessionId!);
        Assert.Equal(
            new VisitorContextDto("https://www.example.org/biglietti?utm=x", "Biglietti – Lucine", "https://www.google.com/", VisitorDevice.Mobile, "it-IT"),
            chat.Context);
        Assert.Empty(chat.Earlier);
    }

    [Fact]
    public async Task A_message_without_context_still_works()
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("orari?");

        Assert.Null((await admin.HistoryAsync(visitor.SessionId!)).Context);
    }

    public static TheoryData<string, object?> BadContexts => new()
    {
        { "pageUrl", "javascript:alert(1)" },
        { "pageUrl", "/biglietti" },
        { "pageUrl", "https://www.example.org/" + new string('a', 2048) },
        { "pageTitle", new string('t', 201) },
        { "referrer", "ftp://example.org/" },
        { "device", "tablet" },
        { "language", "it IT" },
        { "widgetId", "short" },
        { "widgetId", "Qm9uam91ci1sYS1sdW5hLTE+" },
    };

    [Theory]
    [MemberData(nameof(BadContexts))]
    public async Task A_bad_context_is_refused_and_no_session_is_created(string field, object? value)
    {
        var context = Context();
        context[field] = value;
        var probe = new TableProbe(host);
        var before = (await probe.SessionRowsAsync()).Count;

        var response = await new Visitor(host.Http).PostAsync(new { message = "ciao", context });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-context");
        Assert.Equal(before, (await probe.SessionRowsAsync()).Count);
    }

    [Fact]
    public async Task A_new_page_is_kept_and_pushed_to_the_operator_in_charge()
    {
        var sara = await admin.HireAsync("sara");
        await using var desk = await HubClient.ConnectAsync(host.BaseAddress, sara.Token);
        var visitor = await EscalatedAsync(Context());

        var moved = await visitor.PageAsync(new { url = "https://www.example.org/parcheggio", title = "Parcheggio" });

        Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);
        var page = await desk.NextAsync("page");
        Assert.Equal((visitor.SessionId, "https://www.example.org/parcheggio", "Parcheggio"),
            (page.GetProperty("sessionId").GetString(), page.GetProperty("url").GetString(), page.GetProperty("title").GetString()));
        var context = (await sara.HistoryAsync(visitor.SessionId!)).Context!;
        Assert.Equal(("https://www.example.org/parcheggio", "Parcheggio", VisitorDevice.Mobile), (context.PageUrl, context.PageTitle, context.Device));
    }

    [Fact]
    public async Task A_bad_page_or_someone_elses_token_changes_nothing()
    {
        var visitor = await EscalatedAsync(Context());
        var stranger = new Visitor(host.Http);
        await stranger.SayAsync("ciao");

        await ProblemAssert.IsProblemAsync(await visitor.PageAsync(new { url = "data:text/html,x" }), HttpStatusCode.BadRequest, "invalid-context");
        await ProblemAssert.IsProblemAsync(await visitor.PageAsync(new { url = "https://www.example.org/x", title = "a\u0000b" }), HttpStatusCode.BadRequest, "invalid-context");
        var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/page") { Content = JsonContent.Create(new { url = "https://www.example.org/x" }) };
        forged.Headers.Add("X-Session-Token", stranger.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.SendAsync(forged)).StatusCode);
        Assert.Equal("https://www.example.org/biglietti?utm=x", (await admin.HistoryAsync(visitor.SessionId!)).Context!.PageUrl);
    }

    [Fact]
    public async Task The_widget_id_is_stored_only_as_a_keyed_hash()
    {
        var visitor = await EscalatedAsync(Context());
        await admin.ActAsync(visitor.SessionId!, "close", new { outcome = "resolved" });

        var rows = await new TableProbe(host).AllRowsAsync();

        var stored = string.Join('\n', rows.SelectMany(r => r.Select(p => $"{r.PartitionKey} {r.RowKey} {p.Key}={p.Value}")));
        Assert.DoesNotContain(WidgetId, stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(rows, r => r.PartitionKey.StartsWith("v-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Earlier_conversations_are_those_of_the_same_browser_only()
    {
        var sara = await admin.HireAsync("sara");
        var earlier = await EscalatedAsync(Context());
        Assert.Equal(HttpStatusCode.OK, (await sara.ActAsync(earlier.SessionId!, "close", new { outcome = "resolved" })).StatusCode);
        var elsewhere = await EscalatedAsync(Context(OtherWidgetId));
        await sara.ActAsync(elsewhere.SessionId!, "close", new { outcome = "not_resolved" });

        var again = await EscalatedAsync(Context());
        var stranger = await EscalatedAsync(Context("Tm9ib2R5LWhhcy1zZWVuLW1lLTM"));

        var listed = Assert.Single((await sara.HistoryAsync(again.SessionId!)).Earlier);
        Assert.Equal((earlier.SessionId, SessionOutcome.Resolved, "sara", "Op sara"), (listed.SessionId, listed.Outcome, listed.Operator, listed.OperatorName));
        Assert.Empty((await sara.HistoryAsync(stranger.SessionId!)).Earlier);
        var transcript = await sara.HistoryAsync(listed.SessionId);
        Assert.Equal(SessionStatus.Ended, transcript.Status);
        Assert.Contains(transcript.Messages, m => m.Text == "Il biglietto non è arrivato via email");
    }
}
