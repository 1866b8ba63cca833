using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;
using Microsoft.AspNetCore.Routing;
using Xunit.Abstractions;

namespace Lucine.Functions.Tests.Security;

/// <summary>
/// The fuzzing drill: well over a thousand generated hostile requests against every endpoint the app
/// maps (route values, bodies, encodings with noncharacters, lone surrogates and invalid UTF-8, sizes,
/// headers, tokens), each meant to be refused. Whatever the input: no 5xx, every refusal is
/// problem+json with a stable type, no HTML is reflected, and nothing is stored (but the failed-login
/// counters and the audit of refused staff actions, which exist to record refusals). The figures are
/// printed and written under artifacts/drills for SECURITY.md.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class HostileRequestDrill(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Marker = "<script>alert(1)</script>";

    /// <summary>Route values that must never reach storage as keys, nor come back as markup.</summary>
    private static readonly string[] HostileIds =
    [
        "a%2Fb", "..%2Fadmin", "%2E%2E", Uri.EscapeDataString(Marker), new string('x', 3000), "%EF%BF%BE", "%ED%A0%80", "%00", "%F0%9F%8E%84%E2%80%AE", "'%20or%201%3D1", "-1",
    ];

    private static readonly string[] Fields =
    [
        "message", "action", "sessionId", "clientMessageId", "text", "username", "password", "displayName", "to", "outcome", "availability", "subject",
        "assignee", "status", "priority", "email", "phone", "name", "title", "shortcut", "isTyping", "context", "currentPassword", "newPassword", "role", "capacity",
    ];

    private LucineHost host = null!;
    private StaffDesk admin = null!;
    private StaffDesk operatorDesk = null!;
    private string visitorToken = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        admin = await StaffDesk.LoginAsync(host.Http);
        operatorDesk = await admin.HireAsync("sara");
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("Buonasera");
        visitorToken = visitor.Token!;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_thousand_hostile_requests_get_no_5xx_no_reflected_html_only_problems_and_store_nothing()
    {
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && route.StartsWith("/api/", StringComparison.Ordinal) && !route.StartsWith("/api/hub", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Where(m => m != "OPTIONS").Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .Distinct()
            .Where(e => e.Route != "/api/operators/logout")
            .OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();
        var before = await CountRowsAsync();
        var results = new List<(string Request, string Method, int Status, string? Problem, bool Reflected, bool Protocol)>();

        foreach (var (method, route) in endpoints)
        {
            foreach (var request in Requests(method, route))
            {
                var uri = request.RequestUri!.ToString();
                var described = $"{request.Method} {(uri.Length > 140 ? uri[..140] + "…" : uri)}";
                using var response = await host.Http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" && TryProblemType(body, out var type) ? type : null;
                // Kestrel refuses some requests (a NUL in the path; a request line over its 8 KB limit, 414, as two hostile
                // route values of 3,000 characters and the query make) before any middleware, closing the connection: counted apart.
                var protocol = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong && body.Length == 0 && response.Headers.ConnectionClose == true;
                results.Add((described, request.Method.Method, (int)response.StatusCode, problem, body.Contains("<script", StringComparison.OrdinalIgnoreCase), protocol));
            }
        }

        var after = await CountRowsAsync();
        var serverErrors = results.Where(r => r.Status >= 500).ToList();
        // Reads may answer (the health check, a list reached through a normalised ".."); a write must not.
        var accepted = results.Where(r => r.Status < 400 && r.Method != "GET").ToList();
        var protocolRefusals = results.Count(r => r.Protocol);
        var notProblems = results.Where(r => r.Status >= 400 && !r.Protocol && (r.Problem is null || !r.Problem.StartsWith(Problems.TypePrefix, StringComparison.Ordinal))).ToList();
        var reflected = results.Where(r => r.Reflected).ToList();
        var stored = after.Where(t => t.Value != before.GetValueOrDefault(t.Key)).Select(t => $"{t.Key}: {before.GetValueOrDefault(t.Key)} → {t.Value}").ToList();
        var figures = string.Join('\n',
            $"endpoints (method × route): {endpoints.Count}",
            $"hostile requests: {results.Count}",
            $"5xx responses: {serverErrors.Count}",
            $"writes accepted (2xx/3xx): {accepted.Count}; reads answered: {results.Count(r => r.Status < 400) - accepted.Count}",
            $"refused by Kestrel at the protocol level, before the app (400 or 414, connection closed): {protocolRefusals}",
            $"refusals that are not problem+json with a stable type: {notProblems.Count}",
            $"responses reflecting HTML: {reflected.Count}",
            $"tables changed by refused requests: {stored.Count} (Throttle and Audit excluded: they record refusals)",
            "by status: " + string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")),
            "problem types: " + string.Join(", ", results.Where(r => r.Problem is not null).GroupBy(r => r.Problem![Problems.TypePrefix.Length..]).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}×{g.Count()}")));
        output.WriteLine(figures);
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "drills");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "hostile-requests.txt"), figures + "\n");

        var failures = new List<string>();
        void Expect(bool holds, string what, IEnumerable<string> examples)
        {
            if (!holds)
            {
                failures.Add(what + ":\n  " + string.Join("\n  ", examples.Take(20)));
            }
        }

        Expect(results.Count >= 1000, $"only {results.Count} requests", []);
        Expect(serverErrors.Count == 0, "5xx", serverErrors.Select(r => $"{r.Status} {r.Request} {r.Problem}"));
        Expect(accepted.Count == 0, "writes accepted", accepted.Select(r => $"{r.Status} {r.Request}"));
        Expect(notProblems.Count == 0, "refusals without a stable problem type", notProblems.Select(r => $"{r.Status} {r.Request} {r.Problem}"));
        Expect(reflected.Count == 0, "HTML reflected", reflected.Select(r => r.Request));
        Expect(stored.Count == 0, "stored by refused requests", stored);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The hostile variants of one endpoint: each route value in turn hostile, then hostile bodies, headers and tokens.</summary>
    private IEnumerable<HttpRequestMessage> Requests(string method, string route)
    {
        var parameters = System.Text.RegularExpressions.Regex.Matches(route, @"\{([^}:?]+)[^}]*\}").Select(m => m.Value).ToList();
        string Path(string hostile) => parameters.Aggregate(route, (path, parameter) => path.Replace(parameter, hostile, StringComparison.Ordinal));
        var valid = parameters.Count == 0 ? route : Path("does-not-exist");
        var writes = method is "POST" or "PUT" or "PATCH";

        foreach (var id in parameters.Count > 0 ? HostileIds : [])
        {
            yield return Request(method, Path(id) + "?limit=" + id, writes ? Json(Body(Marker)) : null, admin.Token);
        }

        foreach (var (content, auth) in Bodies(writes))
        {
            yield return Request(method, valid, content, auth switch { 0 => admin.Token, 1 => operatorDesk.Token, 2 => visitorToken, _ => null });
        }

        foreach (var token in Tokens())
        {
            yield return Request(method, valid + "?after=-1&limit=100000&from=2026-13-45&q=" + Uri.EscapeDataString(Marker), writes ? Json(Body(Marker)) : null, token);
        }

        var forwarded = Request(method, valid, writes ? Json("{\"message\":" + new string('[', 300) + "}") : null, null);
        forwarded.Headers.TryAddWithoutValidation("X-Forwarded-For", "999.1.1.1:99999, [::1, " + Marker);
        forwarded.Headers.TryAddWithoutValidation("X-Session-Token", "v2." + new string('A', 4000));
        yield return forwarded;
    }

    /// <summary>Malformed structure, wrong types, encodings, sizes; each with one of the callers (admin, operator, visitor, nobody).</summary>
    private static IEnumerable<(HttpContent? Content, int Auth)> Bodies(bool writes)
    {
        if (!writes)
        {
            yield return (null, 3);
            yield break;
        }

        var noncharacters = "a\uFFFEb\uFFFF\uFDD0\u0000\u202E";
        var bodies = new HttpContent[]
        {
            Json("{"),
            Json("[]"),
            Json("null"),
            Json("\"" + Marker + "\""),
            Json(new string('[', 5000) + new string(']', 5000)),
            Json(Body(noncharacters + Marker, wrongTypes: true)),
            Json(Body("\\ud800" + Marker, raw: true)),
            Json("{\"message\":\"" + new string('x', 2_000_000) + "\"}"),
            new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"message\":\""), 0xED, 0xA0, 0x80, 0xC3, .. Encoding.UTF8.GetBytes("\",\"text\":1}")]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            new StringContent(Body(Marker), Encoding.UTF8, "text/html"),
            new StringContent("message=" + Marker, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        for (var i = 0; i < bodies.Length; i++)
        {
            yield return (bodies[i], i % 4);
        }
    }

    private IEnumerable<string?> Tokens() =>
    [
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInN0YW1wIjoieCJ9.",
        admin.Token[..^4] + "AAAA",
        "Bearer " + new string('x', 8000),
        visitorToken,
        Marker,
    ];

    /// <summary>Every field the API knows, each holding the hostile value (or a wrong type).</summary>
    private static string Body(string value, bool wrongTypes = false, bool raw = false)
    {
        var text = raw ? "\"" + value + "\"" : System.Text.Json.JsonSerializer.Serialize(value);
        return "{" + string.Join(',', Fields.Select((field, i) => $"\"{field}\":" + (wrongTypes && i % 2 == 0 ? "{\"x\":[1,2," + text + "]}" : text))) + "}";
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Request(string method, string path, HttpContent? content, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token.StartsWith("Bearer ", StringComparison.Ordinal) ? token : "Bearer " + token);
        }

        return request;
    }

    private static bool TryProblemType(string body, out string? type)
    {
        type = null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            type = document.RootElement.TryGetProperty("type", out var value) ? value.GetString() : null;
            return type is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Rows per table, but the effects awaiting delivery.</summary>
    private async Task<Dictionary<string, int>> CountRowsAsync()
    {
        var tables = host.Services.GetRequiredService<LucineTables>();
        var counts = new Dictionary<string, int>();
        foreach (var table in tables.All.Where(t => t != tables.Throttle && t != tables.Audit))
        {
            var count = 0;
            // Effects awaiting delivery ("out-" rows) come and go on their own, after the request that made them.
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                count += row.RowKey.StartsWith("out-", StringComparison.Ordinal) ? 0 : 1;
            }

            counts[table.Name] = count;
        }

        return counts;
    }
}
