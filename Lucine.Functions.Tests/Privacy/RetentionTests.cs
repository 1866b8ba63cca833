using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Lucine.Functions.BlindSpots;
using Lucine.Functions.Storage;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Privacy;

/// <summary>
/// Retention on the injected clock: places after 30 days, the sink after 14, rate-limit counters
/// after 30, analytics events after 90, transcripts and closed tickets (with their notifications and
/// chat) after 365; each run reads only due entries, so its storage requests do not grow with the
/// conversations that are not due yet.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class RetentionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new(Start);
    private LucineHost host = null!;
    private StaffDesk admin = null!;
    private MeterWatcher meters = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock);
        meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync()
    {
        meters.Dispose();
        await host.DisposeAsync();
    }

    private LucineTables Tables => host.Services.GetRequiredService<LucineTables>();

    private long RetentionRequests => meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Retention);

    [Fact]
    public async Task Each_kind_of_personal_data_goes_when_its_period_ends()
    {
        var (session, ticket) = await PrivacyScenario.ChatBecomesTicketAsync(host.Http, admin, "Maria Rossi", "333 123 4567");
        var bot = await PrivacyScenario.BotChatAsync(host.Http);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{ticket}/status", new { status = "closed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.PostAsJsonAsync("/api/operators/login", new { username = "admin", password = "wrong password" })).StatusCode);
        await meters.WhenOutboxDeliveredAsync();
        Assert.NotEmpty(await RowsAsync(Tables.Analytics));
        Assert.NotEmpty(await RowsAsync(Tables.Throttle));

        await AfterDaysAsync(15);
        Assert.Empty(await SinkAsync());
        Assert.NotNull(Place(await ConversationAsync(bot)));

        await AfterDaysAsync(31);
        Assert.Null(Place(await ConversationAsync(bot)));
        Assert.Equal("mobile", (await ConversationAsync(bot))!.Value.GetProperty("context").Text("device"));
        Assert.Empty(await RowsAsync(Tables.Throttle));
        Assert.NotNull(await ConversationAsync(session));

        await AfterDaysAsync(91);
        Assert.Empty(await RowsAsync(Tables.Analytics));
        Assert.NotNull(await ConversationAsync(bot));

        await AfterDaysAsync(366);
        Assert.Null(await ConversationAsync(bot));
        Assert.Null(await ConversationAsync(session));
        Assert.Empty((await admin.ExportedAsync(new { ticket })).Items("tickets"));
        Assert.Empty(await RowsAsync(Tables.Tickets, $"PartitionKey eq '{ticket}'"));
        Assert.Empty(await RowsAsync(Tables.Notifications, "PartitionKey ge 't-' and PartitionKey lt 't.'"));
        Assert.Empty(await RowsAsync(Tables.ConversationIndex));
        Assert.Empty(await RowsAsync(Tables.Deadlines, "PartitionKey ge 'forget-' and PartitionKey lt 'forget.'"));
    }

    [Fact]
    public async Task A_run_reads_only_due_entries_whatever_waits_for_later()
    {
        await RunAsync();
        var before = RetentionRequests;
        await RunAsync();
        var idle = RetentionRequests - before;

        for (var i = 0; i < 20; i++)
        {
            await PrivacyScenario.BotChatAsync(host.Http);
        }

        before = RetentionRequests;
        await RunAsync();
        Assert.Equal(idle, RetentionRequests - before);

        // A week on, the reports' markers of those chats go (their own requests, outside the figure below).
        await meters.WhenOutboxDeliveredAsync();
        clock.Advance(TimeSpan.FromDays(8));
        await RunAsync();
        clock.Advance(TimeSpan.FromDays(23));
        await PrivacyScenario.BotChatAsync(host.Http);
        before = RetentionRequests;
        await RunAsync();

        // Twenty places forgotten, their due entries read in the same one range: each its state read, its row read and rewritten (ETag-guarded), its entry removed.
        Assert.Equal(idle + (20 * 4), RetentionRequests - before);
    }

    [Fact]
    public async Task Markers_of_counted_events_go_after_a_week_and_the_counts_stay()
    {
        var inbox = host.Services.GetRequiredService<BlindSpotInbox>();
        await PrivacyScenario.BotChatAsync(host.Http);
        await inbox.NoteAsync(new NoteBlindSpot(["parcheggio"], "C'è un parcheggio?", Language.Italian, AnswerOutcome.NotKnown, clock.GetUtcNow()), "session-out-1", CancellationToken.None);
        await meters.WhenOutboxDeliveredAsync();
        Assert.NotEmpty(await RowsAsync(Tables.Reports, Markers));
        Assert.Single(await RowsAsync(Tables.BlindSpots, Markers));

        await AfterDaysAsync(6);
        Assert.NotEmpty(await RowsAsync(Tables.Reports, Markers));
        Assert.Single(await RowsAsync(Tables.BlindSpots, Markers));

        await AfterDaysAsync(8);
        Assert.Empty(await RowsAsync(Tables.Reports, Markers));
        Assert.Empty(await RowsAsync(Tables.BlindSpots, Markers));
        Assert.Contains(await RowsAsync(Tables.Reports), r => r.RowKey == "figures");
        var group = Assert.Single(await inbox.ListAsync(BlindSpotStatus.Open, CancellationToken.None));
        Assert.Equal(1, group.Count);
    }

    private const string Markers = "RowKey ge 'm-' and RowKey lt 'm.'";

    private async Task AfterDaysAsync(int days)
    {
        clock.Set(Start.AddDays(days));
        await RunAsync();
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    private async Task RunAsync() => Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync("/ApplyRetention", null)).StatusCode);

    private async Task<JsonElement?> ConversationAsync(string session) =>
        (await admin.ExportedAsync(new { session })).Items("conversations").Cast<JsonElement?>().SingleOrDefault();

    private static string? Place(JsonElement? conversation) =>
        conversation?.GetProperty("context").TryGetProperty("page", out var page) == true && page.ValueKind == JsonValueKind.Object ? page.Text("url") : null;

    private async Task<IReadOnlyList<JsonElement>> SinkAsync() =>
        [.. (await StaffDesk.ReadAsync<JsonElement>(await admin.SendAsync(HttpMethod.Get, "/api/operator/sink"))).Items("items")];

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string? filter = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
