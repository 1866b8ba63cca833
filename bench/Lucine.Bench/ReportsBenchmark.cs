using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Reports;
using Lucine.Functions.Storage;

namespace Lucine.Bench;

/// <summary>
/// <c>seed</c>: a season (<see cref="SeasonSeed"/>) into the local Azurite of <c>scripts/start.sh</c>.
/// <c>reports</c>: the same season in a fresh Azurite, then the overview of 90 days through the API,
/// its storage requests counted, beside the raw pattern (reading the same days' raw events).
/// </summary>
internal static class ReportsBenchmark
{
    private const int Runs = 10;
    private const int ReportDays = 90;
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    /// <summary>The days seeded end yesterday (park-local), so that a demo's "last 7 days" show them.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Rome).DateTime);

    public static async Task<int> SeedAsync(BenchOptions options)
    {
        var (days, conversations) = (options.Get("--days", 60), options.Get("--conversations", 20000));
        var passwordFile = RepositoryRoot.Combine(".data", "dev-admin-password");
        if (!File.Exists(passwordFile))
        {
            Console.Error.WriteLine("No .data/dev-admin-password: run `bash scripts/start.sh` once (it creates the local admin), and keep it (or its Azurite) running.");
            return 2;
        }

        var password = (await File.ReadAllTextAsync(passwordFile)).Trim();
        var storage = Environment.GetEnvironmentVariable("LUCINE_SEED_STORAGE") ?? StorageOptions.DevelopmentConnectionString;
        Console.WriteLine($"Seeding {conversations} conversations over the {days} days before today into the local Azurite (tables without prefix), through the API of an in-process Lucine with a manual clock.");
        var timing = Stopwatch.StartNew();
        var seed = await SeedAsync(storage, password, days, conversations, tablePrefix: string.Empty);
        await using (seed.Host)
        {
            Console.WriteLine($"Done in {timing.Elapsed.TotalSeconds:F0} s: {seed.Escalated} chats with operators, {seed.Tickets} tickets, {seed.Ratings} ratings. Log in as admin and open the reports, or GET /api/reports/overview?from={Today.AddDays(-days):yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}.");
        }

        return 0;
    }

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var (days, conversations) = (options.Get("--days", 60), options.Get("--conversations", 20000));
        await using var azurite = await AzuriteServer.StartAsync();
        Console.WriteLine($"Lucine reports benchmark: {conversations} conversations over {days} days through the API, then the overview of {ReportDays} days; Azurite + Kestrel on loopback, {Environment.ProcessorCount} cores.");
        var timing = Stopwatch.StartNew();
        var seed = await SeedAsync(azurite.ConnectionString, "bench-" + Guid.NewGuid().ToString("N"), days, conversations, tablePrefix: null);
        await using var host = seed.Host;
        Console.WriteLine($"  seeded in {timing.Elapsed.TotalSeconds:F0} s ({seed.Escalated} chats with operators, {seed.Tickets} tickets, {seed.Ratings} ratings); waiting for the outbox to count everything");
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        await DrainAsync(meters);

        var to = Today.AddDays(-1);
        var from = to.AddDays(1 - ReportDays);
        var path = $"/api/reports/overview?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/operators/login", new { username = "admin", password = seed.AdminPassword });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());

        // The first view reads every day; the closed ones are then kept in memory (ReportStore).
        var firstBefore = meters.Total(StorageRequestMeter.InstrumentName);
        var firstWatch = Stopwatch.StartNew();
        var report = (await (await http.GetAsync(path)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        var firstMs = firstWatch.Elapsed.TotalMilliseconds;
        var firstRequests = meters.Total(StorageRequestMeter.InstrumentName) - firstBefore;
        var counted = report["totals"]!["conversations"]!.GetValue<long>();
        var elapsed = new List<double>();
        long requests = 0;
        for (var run = 0; run < Runs; run++)
        {
            var before = meters.Total(StorageRequestMeter.InstrumentName);
            var watch = Stopwatch.StartNew();
            (await http.GetAsync(path)).EnsureSuccessStatusCode();
            elapsed.Add(watch.Elapsed.TotalMilliseconds);
            requests = meters.Total(StorageRequestMeter.InstrumentName) - before;
        }

        // The aggregates' reads alone, without HTTP, authentication and JSON.
        var store = host.Services.GetRequiredService<ReportStore>();
        var reads = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var direct = Stopwatch.StartNew();
            await store.ReadAsync(from, to, withFigures: true, CancellationToken.None);
            reads.Add(direct.Elapsed.TotalMilliseconds);
        }

        reads.Sort();

        // The raw pattern: the same days' raw events, read (type only) from their UTC day partitions.
        var tables = host.Services.GetRequiredService<LucineTables>();
        var rawWatch = Stopwatch.StartNew();
        long rawRows = 0;
        var rawBefore = meters.Total(StorageRequestMeter.InstrumentName);
        for (var day = from.AddDays(-1); day <= to; day = day.AddDays(1))
        {
            await foreach (var _ in tables.Analytics.QueryAsync<TableEntity>(TableRows.Partition(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)), select: ["Type"]))
            {
                rawRows++;
            }
        }

        var rawMs = rawWatch.Elapsed.TotalMilliseconds;
        var rawRequests = meters.Total(StorageRequestMeter.InstrumentName) - rawBefore;
        elapsed.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  overview of {ReportDays} days: {counted} conversations counted (of {conversations} seeded)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first view : {firstMs:F1} ms; {firstRequests} storage requests (2 point reads per day, figures and operators, and the caller's row)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  repeated view (closed days kept in memory): p50 {Percentiles.Of([.. elapsed], 0.5):F1} ms, max {elapsed[^1]:F1} ms; {requests} storage requests"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the store's reads alone, repeated (no HTTP): p50 {Percentiles.Of([.. reads], 0.5):F1} ms, max {reads[^1]:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  raw events : {rawMs:F1} ms; {rawRequests} requests, {rawRows} entities read (only the type column, nothing computed)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ratio raw / first view: {rawMs / firstMs:F1}x the time; raw / repeated view: {rawMs / Percentiles.Of([.. elapsed], 0.5):F1}x the time, {rawRequests / (double)Math.Max(1, requests):F0}x the requests, {rawRows / (double)Math.Max(1, firstRequests):F0}x the entities of a first view"));
        return 0;
    }

    private sealed record Seeded(LucineHost Host, string AdminPassword, int Escalated, int Tickets, int Ratings);

    private static async Task<Seeded> SeedAsync(string storage, string password, int days, int conversations, string? tablePrefix)
    {
        var first = Today.AddDays(-days);
        var clock = new ManualClock(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(new TimeOnly(17, 0)), Rome), TimeSpan.Zero));
        var host = await LucineHost.StartAsync(storage, settings =>
        {
            if (tablePrefix is not null)
            {
                settings["Storage:TablePrefix"] = tablePrefix;
            }

            settings["Operators:Bootstrap:Username"] = "admin";
            settings["Operators:Bootstrap:Password"] = password;
            settings["Operators:Bootstrap:DisplayName"] = "Admin (local)";
        }, clock);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var seed = new SeasonSeed(clock, http, password);
        await seed.RunAsync(first, days, conversations, line => Console.WriteLine("  " + line));
        return new Seeded(host, password, seed.Escalated, seed.Tickets, seed.Ratings);
    }

    /// <summary>Until the background dispatch has been quiet for 3 s: the reports' events are counted by then.</summary>
    private static async Task DrainAsync(MeterWatcher meters)
    {
        var (last, quiet) = (-1L, 0);
        while (quiet < 3)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Outbox);
            (last, quiet) = (now, now == last ? quiet + 1 : 0);
        }
    }
}
