using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Tests.Api;

/// <summary>A visitor talking to Lucine over HTTP, as the widget does.</summary>
public sealed class Visitor(HttpClient http)
{
    public string? SessionId { get; private set; }

    public string? Token { get; private set; }

    /// <summary>The same visitor, reaching Lucine through another app instance.</summary>
    public Visitor Through(HttpClient other) => new(other) { SessionId = SessionId, Token = Token };

    public Task<HttpResponseMessage> PostAsync(object body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(body) };
        if ((token ?? Token) is { } value)
        {
            request.Headers.Add("X-Session-Token", value);
        }

        return http.SendAsync(request);
    }

    public async Task<ChatResponse> SayAsync(string message, string? clientMessageId = null) =>
        await SendAsync(new { message, sessionId = SessionId, clientMessageId });

    /// <summary>A message with where the visitor is, as the widget sends its first one.</summary>
    public async Task<ChatResponse> SayAsync(string message, object context) =>
        await SendAsync(new { message, sessionId = SessionId, context });

    /// <summary>The visitor opened another page (<c>POST /api/chat/{id}/page</c>).</summary>
    public async Task<HttpResponseMessage> PageAsync(object page)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/{SessionId}/page") { Content = JsonContent.Create(page) };
        request.Headers.Add("X-Session-Token", Token);
        return await http.SendAsync(request);
    }

    public async Task<ChatResponse> PressAsync(string action, string? clientMessageId = null) =>
        await SendAsync(new { action, sessionId = SessionId, clientMessageId });

    /// <summary>Tells the operator in charge that this visitor is typing (or stopped).</summary>
    public Task<HttpResponseMessage> TypingAsync(bool isTyping) => TypingAsyncFor(SessionId!, isTyping);

    /// <summary>Typing in <paramref name="sessionId"/>'s chat, with this visitor's token.</summary>
    public async Task<HttpResponseMessage> TypingAsyncFor(string sessionId, bool isTyping = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/{sessionId}/typing") { Content = JsonContent.Create(new { isTyping }) };
        request.Headers.Add("X-Session-Token", Token);
        return await http.SendAsync(request);
    }

    public async Task<MessagesResponse> MessagesAsync(long after = 0, int? limit = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/chat/{SessionId}/messages?after={after}{(limit is null ? "" : $"&limit={limit}")}");
        request.Headers.Authorization = new("Bearer", Token);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsync<MessagesResponse>())!;
    }

    private async Task<ChatResponse> SendAsync(object body)
    {
        var response = await PostAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var chat = (await response.Content.ReadAsync<ChatResponse>())!;
        if (chat.SessionToken is not null)
        {
            (SessionId, Token) = (chat.SessionId, chat.SessionToken);
        }

        return chat;
    }
}

public static class ProblemAssert
{
    /// <summary>The response is problem+json with the given status and stable type.</summary>
    public static async Task IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(Problems.TypePrefix + slug, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }
}
