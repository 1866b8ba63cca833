using System.Net;
using System.Text.Json;
using Lucine.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>
/// The Azure Functions host only forwards requests its function.json files declare. These tests keep
/// those files and the app's own endpoints in step, since the Functions host cannot run here.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class FunctionManifestTests(AzuriteFixture azurite)
{
    private static readonly string FunctionsFolder = RepositoryRoot.Combine("Lucine.Functions");

    private static IEnumerable<(string Name, string Route, string[] Methods)> Functions() =>
        Directory.GetFiles(FunctionsFolder, "function.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file =>
            {
                using var json = JsonDocument.Parse(File.ReadAllText(file));
                var name = Path.GetFileName(Path.GetDirectoryName(file)!);
                var trigger = json.RootElement.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

                // The host POSTs a timer invocation to /<FunctionName> (custom handler contract).
                return trigger.GetProperty("type").GetString() == "timerTrigger"
                    ? (name, name, ["POST"])
                    : (
                        name,
                        trigger.GetProperty("route").GetString()!,
                        trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToArray());
            });

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
