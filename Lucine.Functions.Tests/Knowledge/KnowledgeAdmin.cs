using System.Text;
using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;

namespace Lucine.Functions.Tests.Knowledge;

/// <summary>An admin editing the knowledge base (or, at <paramref name="documentPath"/>, another versioned document: the texts) through the API, as the dashboard does.</summary>
public sealed class KnowledgeAdmin(HttpClient http, string? token, string documentPath = KnowledgeAdmin.Path)
{
    public const string Path = "/api/admin/knowledge-base";

    public const string TextsPath = "/api/admin/texts";

    public static readonly string ShippedTexts = File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Content", "templates.json"));

    /// <summary>The question whose answer quotes the standard ticket price, <c>price.intero</c>.</summary>
    public const string PriceQuestion = "Quanto costa il biglietto?";

    public static readonly string ShippedDocument = File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Content", "knowledge-base.json"));

    /// <summary>The shipped document with another standard ticket price.</summary>
    public static string WithPrice(string price)
    {
        var changed = ShippedDocument.Replace("\"price.intero\": \"€9\"", $"\"price.intero\": \"{price}\"", StringComparison.Ordinal);
        Assert.NotEqual(ShippedDocument, changed);
        return changed;
    }

    public async Task<KnowledgeBaseResponse> CurrentAsync() => await ReadAsync<KnowledgeBaseResponse>(await SendAsync(HttpMethod.Get, documentPath));

    public Task<HttpResponseMessage> PutAsync(string document, string? ifMatch = null) => SendAsync(HttpMethod.Put, documentPath, document, ifMatch);

    public async Task<KnowledgeBaseResponse> SaveAsync(string document, string? ifMatch = null) => await CreatedAsync(await PutAsync(document, ifMatch));

    public async Task<KnowledgeBaseResponse> RestoreAsync(int version, string? ifMatch = null) =>
        await CreatedAsync(await SendAsync(HttpMethod.Post, $"{documentPath}/versions/{version}/restore", ifMatch: ifMatch));

    public async Task<IReadOnlyList<KnowledgeVersionItem>> VersionsAsync(string query = "") =>
        (await ReadAsync<ItemsResponse<KnowledgeVersionItem>>(await SendAsync(HttpMethod.Get, $"{documentPath}/versions{query}"))).Items;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await http.SendAsync(request);
    }

    private async Task<KnowledgeBaseResponse> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var saved = (await response.Content.ReadAsync<KnowledgeBaseResponse>())!;
        Assert.Equal($"\"{saved.Version}\"", response.Headers.ETag?.ToString());
        Assert.Equal($"{documentPath}/versions/{saved.Version}", response.Headers.Location?.ToString());
        return saved;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadAsync<T>())!;
    }
}
