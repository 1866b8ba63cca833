using System.Diagnostics;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>
/// The Azure Functions host only forwards requests its function.json files declare. The packaging
/// command generates them from the app's endpoints; these tests run that command as packaging does and
/// check what it wrote against the app's own endpoints and the documented shape, since the Functions
/// host cannot run here.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class FunctionManifestTests(AzuriteFixture azurite, GeneratedManifests generated) : IClassFixture<GeneratedManifests>
{
    private IEnumerable<(string Name, string Route, string[] Methods)> Functions() =>
        generated.Documents.Select(function =>
        {
            var trigger = function.Document.RootElement.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

            // The host POSTs a timer invocation to /<FunctionName> (custom handler contract).
            return trigger.GetProperty("type").GetString() == "timerTrigger"
                ? (function.Name, function.Name, ["POST"])
                : (
                    function.Name,
                    trigger.GetProperty("route").GetString()!,
                    trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToArray());
        });

    [Fact]
    public void The_packaging_command_writes_one_valid_function_per_route_timer_and_static_folder()
    {
        Assert.Equal(generated.Documents.Count, generated.Documents.Select(d => d.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var (name, document) in generated.Documents)
        {
            Assert.Matches("^[A-Za-z][A-Za-z0-9]*$", name);
            var bindings = document.RootElement.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = bindings[0];
            if (trigger.GetProperty("type").GetString() == "timerTrigger")
            {
                // The host resolves %Timers:Name% against its configuration, where the app setting Timers__Name is Timers:Name.
                Assert.Single(bindings);
                Assert.Equal($"%Timers:{name}%", trigger.GetProperty("schedule").GetString());
                continue;
            }

            Assert.Equal(("httpTrigger", "anonymous", "in", "req"), (trigger.GetProperty("type").GetString(), trigger.GetProperty("authLevel").GetString(),
                trigger.GetProperty("direction").GetString(), trigger.GetProperty("name").GetString()));
            Assert.False(trigger.GetProperty("route").GetString()!.StartsWith('/'), name);
            Assert.All(trigger.GetProperty("methods").EnumerateArray(), m => Assert.Contains(m.GetString(), new[] { "get", "post", "put", "patch", "delete", "options" }));
            Assert.Equal(("http", "out", "res"), (bindings[1].GetProperty("type").GetString(), bindings[1].GetProperty("direction").GetString(), bindings[1].GetProperty("name").GetString()));
        }
    }

    [Fact]
    public async Task A_timer_function_answers_the_hosts_invocation_with_its_log_line()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString);

        foreach (var timer in Functions().Where(f => f.Route == f.Name))
        {
            var response = await host.Http.PostAsync("/" + timer.Name, null);
            response.EnsureSuccessStatusCode();
            using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(result.RootElement.GetProperty("logs").EnumerateArray()).GetString()), timer.Name);
        }
    }

    [Fact]
    public async Task Every_timer_schedule_comes_from_the_setting_the_host_reads_and_is_valid()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s => s["Timers:SweepTickets"] = "0 */2 * * * *");
        var schedules = host.Services.GetRequiredService<IOptionsMonitor<TimerSchedule>>();
        var timers = Functions().Where(f => f.Route == f.Name).Select(f => f.Name).ToList();

        Assert.Equal(["ApplyRetention", "PruneAudit", "RouteQueue", "SendNotifications", "SweepDeadlines", "SweepPresence", "SweepTickets"], timers.Order(StringComparer.Ordinal));
        Assert.All(timers, timer => Assert.NotNull(TimerSchedule.Parse(schedules.Get(timer).Expression)));
        Assert.Equal("0 */2 * * * *", schedules.Get("SweepTickets").Expression);
        Assert.Equal("*/5 * * * * *", schedules.Get("SweepDeadlines").Expression);
    }

    [Fact]
    public async Task Every_api_function_has_an_endpoint_and_every_endpoint_a_function()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString);
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();
        var functions = Functions().Where(f => f.Route.StartsWith("api/", StringComparison.Ordinal) || f.Route == f.Name).ToList();

        foreach (var function in functions)
        {
            var endpoint = endpoints.Where(e => e.Route == function.Route).ToList();
            Assert.True(endpoint.Count > 0, $"{function.Name}: no endpoint for route {function.Route}");
            Assert.All(function.Methods.Where(m => m != "OPTIONS"), m => Assert.Contains(endpoint, e => e.Methods.Count == 0 || e.Methods.Contains(m)));
        }

        foreach (var endpoint in endpoints)
        {
            Assert.Contains(functions, f => f.Route == endpoint.Route);
        }
    }

    [Fact]
    public async Task Every_static_function_serves_its_folder()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString);

        foreach (var function in Functions().Where(f => !f.Route.StartsWith("api/", StringComparison.Ordinal) && f.Route != f.Name))
        {
            var folder = function.Route.Split('/')[0];
            // The folder's files but its type-checking configuration (the test command's, not the
            // browsers'); and the widget's bundle, which the build makes from its modules.
            string[] built = folder == "widget" ? ["lucine-widget.js"] : [];
            var files = Directory.GetFiles(RepositoryRoot.Combine(folder)).Select(Path.GetFileName)
                .Where(name => name != "tsconfig.json").Concat(built).ToList();
            Assert.True(files.Count > 0, $"{function.Name}: nothing in {folder}/");
            foreach (var file in files)
            {
                var response = await host.Http.GetAsync($"/{folder}/{file}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{function.Name}: GET /{folder}/{file} → {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public void Host_json_starts_this_app_as_a_custom_handler_with_requests_forwarded_unchanged()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));
        var handler = hostJson.RootElement.GetProperty("customHandler");

        Assert.Equal(typeof(LucineApplication).Assembly.GetName().Name, handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal(string.Empty, hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }
}

/// <summary>The function.json files, as the packaging command writes them (the built app, run with its one packaging argument).</summary>
public sealed class GeneratedManifests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lucine-functions-" + Guid.NewGuid().ToString("N"));

    public List<(string Name, JsonDocument Document)> Documents { get; } = [];

    public async Task InitializeAsync()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Lucine.Functions.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [app, FunctionManifests.WriteCommand, folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"the packaging command failed: {errors}{await output}");
        foreach (var file in Directory.GetFiles(folder, "function.json", SearchOption.AllDirectories))
        {
            Documents.Add((Path.GetFileName(Path.GetDirectoryName(file)!), JsonDocument.Parse(await File.ReadAllTextAsync(file))));
        }
    }

    public Task DisposeAsync()
    {
        Documents.ForEach(d => d.Document.Dispose());
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}
