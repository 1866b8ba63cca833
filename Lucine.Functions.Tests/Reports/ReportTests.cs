using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json.Nodes;
using Lucine.Functions.Decisions;
using Lucine.Functions.Reports;
using Lucine.Functions.Storage;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Reports;

/// <summary>
/// The reports from the daily aggregates: conversations scripted through the real API, over three
/// park-local days around the end of summer time in Rome (2026-10-25), give exact figures; a
/// redelivered event counts once; a rebuild from the raw events equals what the outbox kept up to
/// date; operators see their own figures only; the CSV says the same as the JSON.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class ReportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Range = "from=2026-10-24&to=2026-10-26";

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 10, 24, 8, 0, 0, TimeSpan.Zero));
    private ObservedRollups rollups = null!;
    private LucineHost host = null!;
    private StaffDesk admin = null!;
    private StaffDesk sara = null!;
    private StaffDesk luca = null!;
    private string escalated = null!;
    private DateTimeOffset escalatedEnded;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, services: ObservedRollups.Register);
        rollups = host.Services.GetRequiredService<ObservedRollups>();
        admin = await StaffDesk.LoginAsync(host.Http);
        sara = await admin.HireAsync("sara", capacity: 1);
        luca = await admin.HireAsync("luca", availability: "offline", role: "supervisor");

        // Saturday 24, 10:00 in Rome: the assistant alone answers, and the visitor ends the chat.
        var alone = new Visitor(host.Http);
        await alone.SayAsync("Quanto costa il biglietto?");
        await alone.PressAsync("end_chat");
        var aloneEnded = clock.GetUtcNow();

        // 22:20 UTC, already Sunday 25 in Rome (summer time, UTC+2): Sara takes a chat at once, answers in 40 s, closes it.
        clock.Set(new DateTimeOffset(2026, 10, 24, 22, 20, 0, TimeSpan.Zero));
        (admin, sara) = (await StaffDesk.LoginAsync(host.Http), await StaffDesk.LoginAsync(host.Http, "sara"));
        var withSara = new Visitor(host.Http);
        await withSara.SayAsync("Quanto costa il parcheggio?");
        await withSara.SayAsync("voglio parlare con un operatore");
        await withSara.PressAsync("request_operator");
        escalated = withSara.SessionId!;

        // Meanwhile a second visitor waits for her (her only slot is taken) and gives up.
        clock.Advance(TimeSpan.FromMinutes(1));
        var waiting = new Visitor(host.Http);
        await waiting.SayAsync("voglio parlare con un operatore");
        await waiting.PressAsync("request_operator");
        Assert.Single(await sara.QueueAsync());
        await waiting.PressAsync("end_chat");

        clock.Advance(TimeSpan.FromSeconds(40) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await sara.WriteAsync(escalated, "Buonasera, eccomi")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await sara.ActAsync(escalated, "close", new { outcome = "resolved" })).StatusCode);
        escalatedEnded = clock.GetUtcNow();

        // Sunday 25, 12:00 in Rome (winter time now): a high-priority ticket, answered and resolved in time by Sara.
        clock.Set(new DateTimeOffset(2026, 10, 25, 11, 0, 0, TimeSpan.Zero));
        sara = await StaffDesk.LoginAsync(host.Http, "sara");
        var ticket = (await StaffDesk.ReadAsync<JsonObject>(await sara.SendAsync(HttpMethod.Post, "/api/operator/tickets",
            new { name = "Mario Rossi", contact = "mario@example.com", channel = "email", subject = "Rimborso", priority = "high" })))["number"]!.GetValue<string>();
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await sara.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{ticket}/reply", new { text = "Rimborso avviato." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sara.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{ticket}/status", new { status = "resolved" })).StatusCode);

        // 23:30 UTC on the 25th is already Monday 26 in Rome (UTC+1): an English visitor, the assistant alone.
        clock.Set(new DateTimeOffset(2026, 10, 25, 23, 30, 0, TimeSpan.Zero));
        (admin, sara, luca) = (await StaffDesk.LoginAsync(host.Http), await StaffDesk.LoginAsync(host.Http, "sara"), await StaffDesk.LoginAsync(host.Http, "luca"));
        var english = new Visitor(host.Http);
        await english.SayAsync("How much is the ticket?");
        await english.PressAsync("end_chat");

        // Ratings (the satisfaction helper records them through the same effect): the assistant's chat 3 stars;
        // Sara's 4, then changed to 5 the next day.
        await RecordAsync([Rating(alone.SessionId!, "out-3-00", 3, null, "assistant", "", aloneEnded)]);
        await RecordAsync([Rating(escalated, "out-9-00", 4, null, "operator", "sara", escalatedEnded)]);
        await RecordAsync([Rating(escalated, "out-10-00", 5, 4, "operator", "sara", escalatedEnded)]);

        await rollups.CountedAsync(AnalyticsEventTypes.ChatEnded, english.SessionId!);
        await rollups.CountedAsync(AnalyticsEventTypes.ChatEnded, waiting.SessionId!);
        await rollups.CountedAsync(AnalyticsEventTypes.ChatEnded, escalated);
        await rollups.CountedAsync(AnalyticsEventTypes.ChatEnded, alone.SessionId!);
        await rollups.CountedAsync(AnalyticsEventTypes.SlaMet, ticket, e => e.Data["sla"] == "ticket_resolution");
        await rollups.CountedAsync(AnalyticsEventTypes.TicketStatusChanged, ticket, e => e.Data["to"] == "resolved");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>Delivers analytics effects as the outbox does: to every handler of the type, in order (the raw events, then the rollup).</summary>
    private async Task RecordAsync(IReadOnlyList<Delivery<RecordAnalytics>> effects)
    {
        foreach (var handler in host.Services.GetServices<IEffectHandler<RecordAnalytics>>())
        {
            await handler.HandleAsync(effects, CancellationToken.None);
        }
    }

    private Delivery<RecordAnalytics> Rating(string session, string key, int score, int? previous, string kind, string username, DateTimeOffset ended) =>
        new(session, key, new RecordAnalytics(new AnalyticsEvent(AnalyticsEventTypes.SatisfactionRated, session, clock.GetUtcNow(), new Dictionary<string, string>
        {
            ["score"] = score.ToString(CultureInfo.InvariantCulture),
            ["previous_score"] = previous?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["kind"] = kind,
            ["operator"] = username,
            ["language"] = "it",
            ["ended_at"] = ended.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        })));

    private async Task<JsonObject> OverviewAsync(StaffDesk who, string query = Range) =>
        await StaffDesk.ReadAsync<JsonObject>(await who.SendAsync(HttpMethod.Get, "/api/reports/overview?" + query));

    private static JsonNode Day(JsonObject report, string day) => report["days"]!.AsArray().Single(d => d!["day"]!.GetValue<string>() == day)!;

    private static long Long(JsonNode node, string path) => path.Split('.').Aggregate(node, (n, p) => n[p]!).GetValue<long>();

    private static double? Number(JsonNode node, string path) => path.Split('.').Aggregate<string, JsonNode?>(node, (n, p) => n?[p])?.GetValue<double>();

    [Fact]
    public async Task Scripted_conversations_give_exact_figures_on_the_park_local_days()
    {
        var report = await OverviewAsync(luca, Range + "&tz=Europe/Rome");

        Assert.Equal(("2026-10-24", "2026-10-26", "Europe/Rome"), (report["from"]!.GetValue<string>(), report["to"]!.GetValue<string>(), report["timeZone"]!.GetValue<string>()));
        var totals = report["totals"]!;
        Assert.Equal((4L, 2L, 1L, 1L, 0L), (Long(totals, "conversations"), Long(totals, "assistantOnly"), Long(totals, "escalated"), Long(totals, "abandonedInQueue"), Long(totals, "convertedToTickets")));

        var saturday = Day(report, "2026-10-24");
        Assert.Equal((1L, 1L, 1L), (Long(saturday, "conversations"), Long(saturday, "assistantOnly"), Long(saturday, "languages.it")));
        Assert.Equal((3.0, 1L), (Number(saturday, "csat.average"), Long(saturday, "csat.responses")));

        // Sunday: the chat that ended at 00:25 in Rome (22:25 UTC on Saturday), the visitor who gave up in the queue, the ticket.
        var sunday = Day(report, "2026-10-25");
        Assert.Equal((2L, 1L, 1L, 2L), (Long(sunday, "conversations"), Long(sunday, "escalated"), Long(sunday, "abandonedInQueue"), Long(sunday, "languages.it")));

        // One value per histogram: interpolated inside its bucket (0 in [0, 5), 40 s in [30, 45), 340 s in [300, 420)).
        Assert.Equal((2.5, 4.5), (Number(sunday, "queueWait.p50"), Number(sunday, "queueWait.p90")));
        Assert.Equal((37.5, 43.5), (Number(sunday, "firstResponse.p50"), Number(sunday, "firstResponse.p90")));
        Assert.Equal((360.0, 408.0), (Number(sunday, "chatDuration.p50"), Number(sunday, "chatDuration.p90")));
        Assert.Equal((1L, 1L, 1L, 0L), (Long(sunday, "tickets.opened"), Long(sunday, "tickets.byChannel.email"), Long(sunday, "tickets.byPriority.high"), Long(sunday, "tickets.byPriority.medium")));
        var high = sunday["sla"]!.AsArray().Single(s => s!["priority"]!.GetValue<string>() == "high")!;
        Assert.Equal((100.0, 100.0), (Number(high, "firstResponseMetPercent"), Number(high, "resolutionMetPercent")));
        Assert.Null(Number(sunday["sla"]!.AsArray().Single(s => s!["priority"]!.GetValue<string>() == "low")!, "firstResponseMetPercent"));

        // Sara's rating changed from 4 to 5: one response, counted on the day her chat ended; 1 of 2 conversations + 1 resolved ticket.
        Assert.Equal((5.0, 1L, 33.3), (Number(sunday, "csat.average"), Long(sunday, "csat.responses"), Number(sunday, "csat.responseRate")));
        Assert.Equal([0L, 0, 0, 0, 1], sunday["csat"]!["distribution"]!.AsArray().Select(n => n!.GetValue<long>()));

        var monday = Day(report, "2026-10-26");
        Assert.Equal((1L, 1L, 1L, 0L), (Long(monday, "conversations"), Long(monday, "assistantOnly"), Long(monday, "languages.en"), Long(monday, "languages.it")));
        Assert.Null(Number(monday, "queueWait.p50"));

        // Saturday and Sunday are ISO week 43, Monday week 44: one question each visitor typed first.
        var weeks = report["weeks"]!.AsArray();
        Assert.Equal(["2026-W43", "2026-W44"], weeks.Select(w => w!["week"]!.GetValue<string>()));
        Assert.Equal(4L, Long(weeks[0]!, "questions"));
        Assert.Equal(1L, Long(weeks[1]!, "questions"));

        var saraRow = report["operators"]!.AsArray().Single(o => o!["username"]!.GetValue<string>() == "sara")!;
        Assert.Equal((1L, 37.5, 5.0, 1L, 1L), (Long(saraRow, "chats"), Number(saraRow, "firstResponseP50"), Number(saraRow, "csatAverage"), Long(saraRow, "csatResponses"), Long(saraRow, "ticketsResolved")));
    }

    [Fact]
    public async Task A_redelivered_event_counts_once()
    {
        var before = (await OverviewAsync(luca)).ToJsonString();
        var again = Rating(escalated, "out-9-00", 4, null, "operator", "sara", escalatedEnded);

        await RecordAsync([again]);
        await RecordAsync([again, again]);

        Assert.Equal(before, (await OverviewAsync(luca)).ToJsonString());
    }

    [Fact]
    public async Task A_repeated_overview_reads_only_today_and_sees_a_late_event_and_a_rebuild()
    {
        const string Measured = "report-test";
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var store = host.Services.GetRequiredService<ReportStore>();
        await OverviewAsync(luca);

        // Monday 26 is today in Rome: Saturday and Sunday are closed, kept since the first overview.
        using (StorageScope.Enter(Measured))
        {
            await store.ReadAsync(new DateOnly(2026, 10, 24), new DateOnly(2026, 10, 26), withFigures: true, CancellationToken.None);
        }

        Assert.Equal(2, meters.Total(StorageRequestMeter.InstrumentName, Measured));

        // Sara's rating changed again, to 2 stars: counted on Sunday, closed.
        await RecordAsync([Rating(escalated, "out-11-00", 2, 5, "operator", "sara", escalatedEnded)]);
        Assert.Equal(2.0, Number(Day(await OverviewAsync(luca), "2026-10-25"), "csat.average"));

        // A raw event the rollup never saw (1 star): only a rebuild counts it, and the overview shows it.
        var raw = Rating(escalated, "out-12-00", 1, 2, "operator", "sara", escalatedEnded);
        await host.Services.GetRequiredService<IAnalyticsStore>().RecordAsync(AnalyticsRecorder.Records([raw]), CancellationToken.None);
        Assert.Equal(2.0, Number(Day(await OverviewAsync(luca), "2026-10-25"), "csat.average"));
        await StaffDesk.ReadAsync<RebuildResult>(await admin.SendAsync(HttpMethod.Post, "/api/admin/reports/rebuild", new { from = "2026-10-25", to = "2026-10-25" }));
        Assert.Equal(1.0, Number(Day(await OverviewAsync(luca), "2026-10-25"), "csat.average"));
    }

    [Fact]
    public async Task A_rebuild_from_the_raw_events_equals_the_incremental_aggregates()
    {
        var incremental = (await OverviewAsync(luca)).ToJsonString();
        var saraIncremental = await (await sara.SendAsync(HttpMethod.Get, "/api/reports/operators/sara?" + Range)).Content.ReadAsStringAsync();

        var rebuilt = await StaffDesk.ReadAsync<RebuildResult>(await admin.SendAsync(HttpMethod.Post, "/api/admin/reports/rebuild", new { from = "2026-10-24", to = "2026-10-26" }));

        Assert.Equal(3, rebuilt.Days);
        Assert.True(rebuilt.EventsCounted > 10, $"{rebuilt.EventsCounted} events counted");
        Assert.Equal(incremental, (await OverviewAsync(luca)).ToJsonString());
        Assert.Equal(saraIncremental, await (await sara.SendAsync(HttpMethod.Get, "/api/reports/operators/sara?" + Range)).Content.ReadAsStringAsync());

        // Nothing counted for days outside the range, and a second rebuild changes nothing.
        await StaffDesk.ReadAsync<RebuildResult>(await admin.SendAsync(HttpMethod.Post, "/api/admin/reports/rebuild", new { from = "2026-10-25", to = "2026-10-25" }));
        Assert.Equal(incremental, (await OverviewAsync(luca)).ToJsonString());
    }

    [Fact]
    public async Task Operators_see_their_own_figures_and_nobody_elses()
    {
        var own = await StaffDesk.ReadAsync<JsonObject>(await sara.SendAsync(HttpMethod.Get, "/api/reports/operators/sara?" + Range));
        Assert.Equal((1L, 1L, 37.5), (Long(own["totals"]!, "chats"), Long(own["totals"]!, "ticketsResolved"), Number(own["totals"]!, "firstResponseP50")));
        Assert.Equal(3, own["days"]!.AsArray().Count);
        Assert.Equal(1L, Long(Day(own, "2026-10-25"), "chats"));

        await ProblemAssert.IsProblemAsync(await sara.SendAsync(HttpMethod.Get, "/api/reports/operators/luca?" + Range), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await sara.SendAsync(HttpMethod.Get, "/api/reports/overview?" + Range), HttpStatusCode.Forbidden, "forbidden");
        var bySupervisor = await StaffDesk.ReadAsync<JsonObject>(await luca.SendAsync(HttpMethod.Get, "/api/reports/operators/sara?" + Range));
        Assert.Equal(1L, Long(bySupervisor["totals"]!, "csatResponses"));
    }

    [Fact]
    public async Task The_csv_has_a_row_per_day_and_the_totals()
    {
        var response = await luca.SendAsync(HttpMethod.Get, "/api/reports/overview.csv?" + Range);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(5, lines.Length);
        var header = lines[0].Split(',').ToList();
        Assert.Equal("day", header[0]);
        var sunday = lines[2].Split(',');
        var total = lines[4].Split(',');
        string Cell(string[] row, string column) => row[header.IndexOf(column)];
        Assert.Equal(("2026-10-25", "2", "1", "37.5", "1", "100", "5", ""), (sunday[0], Cell(sunday, "conversations"), Cell(sunday, "escalated"), Cell(sunday, "first_response_p50"),
            Cell(sunday, "tickets_email"), Cell(sunday, "sla_high_resolution_met_percent"), Cell(sunday, "csat_average"), Cell(sunday, "sla_low_resolution_met_percent")));
        Assert.Equal(("total", "4", "1", "1"), (total[0], Cell(total, "conversations"), Cell(total, "language_en"), Cell(total, "csat_5_stars")));
    }

    [Fact]
    public async Task Bad_parameters_are_refused()
    {
        foreach (var (query, problem) in new[]
                 {
                     ("from=2026-10-24&to=2026-10-26&tz=UTC", "report-time-zone"),
                     ("from=2026-10-27&to=2026-10-26", "report-range"),
                     ("from=2025-10-24&to=2026-10-26", "report-range"),
                     ("from=24-10-2026", "invalid-date"),
                 })
        {
            await ProblemAssert.IsProblemAsync(await luca.SendAsync(HttpMethod.Get, "/api/reports/overview?" + query), HttpStatusCode.BadRequest, problem);
        }

        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, "/api/admin/reports/rebuild", new { from = "2026-10-24" }), HttpStatusCode.BadRequest, "invalid-date");
    }

    [Fact]
    public async Task Without_dates_the_report_is_of_the_last_seven_park_days()
    {
        var report = await OverviewAsync(luca, "");

        // 23:30 UTC on the 25th is the 26th in Rome.
        Assert.Equal(("2026-10-20", "2026-10-26"), (report["from"]!.GetValue<string>(), report["to"]!.GetValue<string>()));
        Assert.Equal(7, report["days"]!.AsArray().Count);
    }
}
