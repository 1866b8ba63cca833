using Lucine.Functions.Hosting;
using Lucine.Functions.Replies;

namespace Lucine.Functions.Tests.Replies;

/// <summary>A staff member managing canned replies through the API, as the dashboard does (no token: anonymous).</summary>
public sealed class ReplyDesk(HttpClient http, string? token)
{
    public const string Path = "/api/operator/replies";

    public static object Body(string shortcut, string title = "Saluto", string? it = "Ciao {visitor_name}, sono {operator_name}.", string? en = "Hi {visitor_name}, I am {operator_name}.") =>
        new { title, shortcut, text = new { it, en } };

    public async Task<IReadOnlyList<ReplyResponse>> ListAsync() =>
        (await ReadAsync<ItemsResponse<ReplyResponse>>(await SendAsync(HttpMethod.Get, Path))).Items;

    public async Task<ReplyResponse> CreateAsync(object body)
    {
        var response = await SendAsync(HttpMethod.Post, Path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var created = (await response.Content.ReadAsync<ReplyResponse>())!;
        Assert.Equal($"{Path}/{created.Id}", response.Headers.Location?.ToString());
        Assert.Equal($"\"{created.Version}\"", response.Headers.ETag?.ToString());
        return created;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
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

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadAsync<T>())!;
    }
}
