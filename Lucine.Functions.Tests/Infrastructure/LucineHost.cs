using System.Security.Cryptography;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// The real Lucine app on a real Kestrel (loopback, free port), built exactly as Program builds it,
/// with the test's configuration, its own tables and, when given, the test's clock.
/// </summary>
public sealed class LucineHost : IAsyncDisposable
{
    private LucineHost(WebApplication app, Uri baseAddress, string tablePrefix)
    {
        App = app;
        BaseAddress = baseAddress;
        TablePrefix = tablePrefix;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string TablePrefix { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <param name="services">Registered after Lucine's own services: a registration here replaces Lucine's.</param>
    public static async Task<LucineHost> StartAsync(
        string storageConnectionString,
        Action<Dictionary<string, string?>>? configure = null,
        TimeProvider? clock = null,
        string environment = "Testing",
        Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Storage:TablePrefix"] = NewTablePrefix(),
            ["Security:SessionTokenKey"] = NewSecret(),
            ["Security:OperatorTokenKey"] = NewSecret(),

            // Tests sweep and route themselves (POST /SweepDeadlines, /RouteQueue, /SweepTickets, /SendNotifications, /SweepPresence, /PruneAudit, /ApplyRetention), at the moments they choose.
            ["Deadlines:RunInBackground"] = "false",
            ["Routing:RunInBackground"] = "false",
            ["Tickets:RunInBackground"] = "false",
            ["Notifications:RunInBackground"] = "false",
            ["Operators:RunInBackground"] = "false",
            // Every test client is one address (loopback): the per-address limits are tested apart (HardeningTests).
            ["Chat:SessionsPerAddressPerMinute"] = "100000",
            ["Tickets:PublicRequestsPerMinute"] = "100000",
            ["Audit:RunInBackground"] = "false",
            ["Privacy:RunInBackground"] = "false",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("LUCINE_TEST_LOG_LEVEL") ?? "Warning",
        };
        configure?.Invoke(settings);

        var app = LucineApplication.Build(["--environment", environment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }

            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new LucineHost(app, new Uri(app.Urls.First()), settings["Storage:TablePrefix"] ?? string.Empty);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Reads JSON responses the way Lucine writes them.</summary>
public static class WireJson
{
    public static Task<T?> ReadAsync<T>(this HttpContent content) => content.ReadFromJsonAsync<T>(Wire.Json);
}
