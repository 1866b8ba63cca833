using System.Text.Json;
using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Knowledge;

/// <summary>
/// Admins set the seasons over HTTP, with versions like the knowledge base; health and the assistant
/// follow the seasons as seen on the park's day (a manual clock).
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class SeasonAdminTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Path = SeasonEndpoints.Path;

    private static readonly object NextSeason = new
    {
        seasons = new object[]
        {
            new { start = "2025-12-06", end = "2026-01-06", closedDays = new[] { "2025-12-24", "2025-12-31" }, opens = "17:30", closes = "23:00", lastEntry = "22:30", ticketsUrl = "https://lucinedinatale.it/products/biglietto-parco-lucine-di-natale-2025" },
            new { start = "2026-12-05", end = "2027-01-06", closedDays = new[] { "2026-12-24" }, opens = "17:00", closes = "23:00", lastEntry = "22:00", ticketsUrl = "https://lucinedinatale.it/products/biglietto-parco-lucine-di-natale-2026" },
        },
    };

    /// <summary>Wednesday 2 December 2026: the 2025/26 season is long over and the next opening is days away.</summary>
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock);
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<HttpResponseMessage> PutAsync(object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", admin.Token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return host.Http.SendAsync(request);
    }

    private async Task<JsonElement> HealthWarningsAsync() =>
        (await host.Http.GetFromJsonAsync<JsonElement>("/api/health")).GetProperty("warnings");

    [Fact]
    public async Task Until_an_admin_saves_the_configured_season_is_version_0_and_past_it_health_warns()
    {
        var response = await admin.SendAsync(HttpMethod.Get, Path);
        var current = (await response.Content.ReadAsync<SeasonScheduleResponse>())!;
        var warnings = await HealthWarningsAsync();
        var answer = await new Visitor(host.Http).SayAsync("quando siete aperti?");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"0\"", response.Headers.ETag?.ToString());
        Assert.Equal((0, KnowledgeOrigin.File, null), (current.Version, current.Source, current.SavedBy));
        var season = Assert.Single(current.Seasons);
        Assert.Equal(
            ("2025-12-06", "2026-01-06", "17:30", "23:00", "22:30", "https://lucinedinatale.it/products/biglietto-parco-lucine-di-natale-2025"),
            (season.Start, season.End, season.Opens, season.Closes, season.LastEntry, season.TicketsUrl));
        Assert.Equal(["2025-12-24", "2025-12-31"], season.ClosedDays!);
        Assert.Equal("season-opening-soon", current.Warning?.Code);
        Assert.Equal("season-opening-soon", Assert.Single(warnings.EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal("2026-01-06", warnings[0].GetProperty("lastEnd").GetString());
        Assert.StartsWith("L'ultima stagione delle Lucine di Natale si è conclusa il 6 gennaio 2026.", answer.Reply);

        clock.Set(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal("season-over", (await HealthWarningsAsync())[0].GetProperty("code").GetString());
        clock.Set(new DateTimeOffset(2025, 12, 13, 10, 0, 0, TimeSpan.Zero));
        Assert.Empty((await HealthWarningsAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_saved_schedule_answers_visitors_at_once_clears_the_warning_and_is_kept_with_who_and_when()
    {
        var saved = await PutAsync(NextSeason, "\"0\"");
        var body = (await saved.Content.ReadAsync<SeasonScheduleResponse>())!;
        var answer = await new Visitor(host.Http).SayAsync("quando siete aperti?");
        var tickets = await new Visitor(host.Http).SayAsync("how much are the tickets?");
        var versions = (await StaffDesk.ReadAsync<ItemsResponse<KnowledgeVersionItem>>(await admin.SendAsync(HttpMethod.Get, $"{Path}/versions"))).Items;
        var first = await admin.SendAsync(HttpMethod.Get, $"{Path}/versions/0");

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal("\"1\"", saved.Headers.ETag?.ToString());
        Assert.Equal($"{Path}/versions/1", saved.Headers.Location?.ToString());
        Assert.Equal((1, KnowledgeOrigin.Storage, StaffDesk.AdminUsername, null), (body.Version, body.Source, body.SavedBy, body.Warning));
        Assert.Equal(clock.GetUtcNow(), body.SavedAt);
        Assert.Contains("dal 5 dicembre 2026 al 6 gennaio 2027", answer.Reply);
        Assert.Equal("https://lucinedinatale.it/products/biglietto-parco-lucine-di-natale-2026", Assert.Single(tickets.SmartActions).Url);
        Assert.Empty((await HealthWarningsAsync()).EnumerateArray());
        Assert.Equal([(1, StaffDesk.AdminUsername), (0, null)], versions.Select(v => (v.Version, v.SavedBy)));
        Assert.Single((await first.Content.ReadAsync<SeasonScheduleResponse>())!.Seasons);
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, $"{Path}/versions/7"), HttpStatusCode.NotFound, "seasons-version-not-found");
    }

    [Fact]
    public async Task A_save_from_an_old_version_is_refused_with_412_and_changes_nothing()
    {
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(NextSeason, "\"0\"")).StatusCode);

        var stale = await PutAsync(NextSeason, "\"0\"");

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed, "seasons-changed");
        Assert.Equal(1, (await stale.Content.ReadAsync<JsonElement>()).GetProperty("currentVersion").GetInt32());
        Assert.Equal(2, (await StaffDesk.ReadAsync<ItemsResponse<KnowledgeVersionItem>>(await admin.SendAsync(HttpMethod.Get, $"{Path}/versions"))).Items.Count);
    }

    [Fact]
    public async Task Invalid_seasons_are_refused_with_each_field_named_and_nothing_is_stored()
    {
        var body = new
        {
            seasons = new object[]
            {
                new { start = "2026-12-05", end = "2026-12-01", closedDays = new[] { "2027-02-01" }, opens = "17:00", closes = "23:00", lastEntry = "23:30", ticketsUrl = "http://shop.example" },
                new { start = "5 dicembre", end = "2027-01-06", closedDays = Array.Empty<string>(), opens = "17", closes = "23:00", lastEntry = "22:00", ticketsUrl = (string?)null },
            },
        };

        var refused = await PutAsync(body, null);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "invalid-seasons");
        var problem = await refused.Content.ReadAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal(["seasons[1].start", "seasons[1].opens"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("is not a date written yyyy-MM-dd", errors.GetProperty("seasons[1].start")[0].GetString());
        // The same errors with their codes and values, from which the console says them in its language.
        var start = problem.GetProperty("fieldErrors").GetProperty("seasons[1].start")[0];
        Assert.Equal("date-invalid", start.GetProperty("code").GetString());
        Assert.Equal("5 dicembre", start.GetProperty("args").GetProperty("value").GetString());
        Assert.Equal(errors.GetProperty("seasons[1].start")[0].GetString(), start.GetProperty("message").GetString());

        var second = await PutAsync(new { seasons = new[] { ((object[])body.seasons)[0] } }, null);
        var fields = (await second.Content.ReadAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["seasons[0].end", "seasons[0].closedDays", "seasons[0].lastEntry", "seasons[0].ticketsUrl"], fields);
        await ProblemAssert.IsProblemAsync(await PutAsync(new { seasons = Array.Empty<object>() }, null), HttpStatusCode.BadRequest, "invalid-seasons");
        Assert.Single((await StaffDesk.ReadAsync<ItemsResponse<KnowledgeVersionItem>>(await admin.SendAsync(HttpMethod.Get, $"{Path}/versions"))).Items);
    }

    [Fact]
    public async Task Only_admins_manage_seasons()
    {
        var supervisor = await admin.HireAsync("sara", role: "supervisor");
        var operatorDesk = await admin.HireAsync("otto");

        await ProblemAssert.IsProblemAsync(await supervisor.SendAsync(HttpMethod.Get, Path), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await operatorDesk.SendAsync(HttpMethod.Put, Path, NextSeason), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync(Path)).StatusCode);
        Assert.Single((await StaffDesk.ReadAsync<ItemsResponse<KnowledgeVersionItem>>(await admin.SendAsync(HttpMethod.Get, $"{Path}/versions"))).Items);
    }
}
