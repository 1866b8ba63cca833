using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Lucine.Functions.Hosting;

/// <summary>One Azure Functions function as the host reads it from &lt;Name&gt;/function.json.</summary>
public sealed record FunctionManifest(string Name, JsonObject Document);

/// <summary>
/// The function.json files the Azure Functions host needs, generated from the app's own endpoints by
/// the packaging command, so that the host forwards exactly what the app serves: an HTTP function per
/// route (with OPTIONS where CORS answers preflights), a timer function per timer endpoint (its
/// schedule a reference to the app setting the app itself reads, see <see cref="TimerSchedule"/>), and
/// one per static folder. Every function is anonymous: the app authenticates its callers itself.
/// </summary>
public static class FunctionManifests
{
    /// <summary>The argument that makes the process write the manifests into a folder and stop: <c>--function-manifests &lt;folder&gt;</c>.</summary>
    public const string WriteCommand = "--function-manifests";

    public static IReadOnlyList<FunctionManifest> Of(IEndpointRouteBuilder app)
    {
        var endpoints = app.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().ToList();
        var functions = new List<FunctionManifest>();
        foreach (var route in endpoints.GroupBy(e => e.RoutePattern.RawText!.Trim('/')))
        {
            var name = route.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).FirstOrDefault(n => n is not null) ?? NameOf(route.Key);
            functions.Add(route.Select(e => e.Metadata.GetMetadata<TimerFunction>()).FirstOrDefault(t => t is not null) is { } timer
                ? new FunctionManifest(name, Timer(TimerSchedule.HostReference(timer.Name)))
                : new FunctionManifest(name, Http(route.Key, Methods(route))));
        }

        functions.AddRange(StaticFolders.All.Select(folder => new FunctionManifest(folder.Function, Http(folder.Folder + "/{*path}", ["get"]))));
        return [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Writes &lt;Name&gt;/function.json under <paramref name="directory"/> for every function.</summary>
    public static void Write(IEndpointRouteBuilder app, string directory)
    {
        foreach (var function in Of(app))
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory, function.Name));
            File.WriteAllText(Path.Combine(folder.FullName, "function.json"), function.Document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
    }

    /// <summary>A route that takes any method (the hub's: its transports use GET, POST and DELETE) is forwarded for those.</summary>
    private static readonly string[] AnyMethod = ["get", "post", "delete"];

    private static string[] Methods(IEnumerable<RouteEndpoint> route)
    {
        var methods = route.Any(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is null)
            ? AnyMethod
            : route.SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods).Select(m => m.ToLowerInvariant());

        // Browsers send a preflight to cross-origin routes (the widget's): the host must forward it.
        return [.. (route.Any(e => e.Metadata.GetMetadata<ICorsMetadata>() is not null) ? methods.Append("options") : methods).Distinct()];
    }

    /// <summary>A route without a name (the hub's): its literal segments, "api/hub/negotiate" → "HubNegotiate".</summary>
    private static string NameOf(string route) => string.Concat(route.Split('/')
        .Where(segment => segment != "api" && !segment.StartsWith('{'))
        .Select(segment => char.ToUpper(segment[0], CultureInfo.InvariantCulture) + segment[1..]));

    private static JsonObject Http(string route, string[] methods) => new()
    {
        ["bindings"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "httpTrigger",
                ["authLevel"] = "anonymous",
                ["direction"] = "in",
                ["name"] = "req",
                ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode)m)]),
                ["route"] = route,
            },
            new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
    };

    private static JsonObject Timer(string schedule) => new()
    {
        ["bindings"] = new JsonArray(new JsonObject
        {
            ["type"] = "timerTrigger",
            ["direction"] = "in",
            ["name"] = "timer",
            ["schedule"] = schedule,
            ["runOnStartup"] = false,
            ["useMonitor"] = true,
        }),
    };
}
