namespace Lucine.Functions.Tests.Browser;

/// <summary>A visitor's chat over HTTP, while the console's browser tests watch the dashboard.</summary>
internal static class VisitorOverHttp
{
    public static async Task<JsonElement> PostAsync(HttpClient http, object body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add("X-Session-Token", token);
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/chat: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A new visitor writes, then presses "talk to a person"; returns the session and its token.</summary>
    public static async Task<(string SessionId, string Token)> AsksForAPersonAsync(HttpClient http, string message, string expectedStatus)
    {
        var first = await PostAsync(http, new { message }, token: null);
        var sessionId = first.GetProperty("sessionId").GetString()!;
        var token = first.GetProperty("sessionToken").GetString()!;
        var escalated = await PostAsync(http, new { action = "request_operator", sessionId }, token);
        Assert.True(escalated.GetProperty("status").GetString() == expectedStatus, $"Expected {expectedStatus}: {escalated}");
        return (sessionId, token);
    }
}
