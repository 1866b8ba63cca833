using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Queue;

namespace Lucine.Functions.Tests.Operators;

/// <summary>An operator working through the API, as the dashboard does.</summary>
public sealed class StaffDesk(HttpClient http, string username, string token)
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "correct horse battery staple";

    public string Username { get; } = username;

    public string Token { get; } = token;

    /// <summary>A host with the first admin, where every operator may log in from the loopback address.</summary>
    public static Task<LucineHost> StartHostAsync(
        string storage, TimeProvider? clock = null, Action<Dictionary<string, string?>>? more = null, Action<IServiceCollection>? services = null) =>
        LucineHost.StartAsync(storage, settings =>
        {
            settings["Operators:Bootstrap:Username"] = AdminUsername;
            settings["Operators:Bootstrap:Password"] = AdminPassword;
            settings["Operators:Bootstrap:DisplayName"] = "Giulia";
            more?.Invoke(settings);
        }, clock, services: services);

    public static async Task<StaffDesk> LoginAsync(HttpClient http, string username = AdminUsername, string password = AdminPassword)
    {
        var response = await http.PostAsJsonAsync("/api/operators/login", new { username, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var login = (await response.Content.ReadAsync<LoginResponse>())!;
        return new StaffDesk(http, login.Operator.Username, login.Token);
    }

    /// <summary>An operator created by this (admin) desk, logged in, with the given availability.</summary>
    public async Task<StaffDesk> HireAsync(string username, int capacity = 5, string availability = "online", string role = "operator")
    {
        var created = await SendAsync(HttpMethod.Post, "/api/operators", new { username, displayName = "Op " + username, password = AdminPassword, role, capacity });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"create {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var desk = await LoginAsync(http, username);
        await desk.SetAvailabilityAsync(availability);
        return desk;
    }

    public async Task<OperatorProfile> SetAvailabilityAsync(string availability) =>
        await ReadAsync<OperatorProfile>(await SendAsync(HttpMethod.Put, "/api/operators/me/availability", new { availability }));

    public async Task<OperatorProfile> MeAsync() => await ReadAsync<OperatorProfile>(await SendAsync(HttpMethod.Get, "/api/operators/me"));

    public async Task<IReadOnlyList<QueueItem>> QueueAsync() =>
        (await ReadAsync<ItemsResponse<QueueItem>>(await SendAsync(HttpMethod.Get, "/api/operator/queue"))).Items;

    public async Task<IReadOnlyList<ChatItem>> ChatsAsync() =>
        (await ReadAsync<ItemsResponse<ChatItem>>(await SendAsync(HttpMethod.Get, "/api/operator/chats"))).Items;

    public async Task<ChatHistory> HistoryAsync(string sessionId) =>
        await ReadAsync<ChatHistory>(await SendAsync(HttpMethod.Get, $"/api/operator/chats/{sessionId}"));

    public Task<HttpResponseMessage> TakeAsync(string sessionId) => SendAsync(HttpMethod.Post, $"/api/operator/chats/{sessionId}/take");

    public Task<HttpResponseMessage> WriteAsync(string sessionId, string text) =>
        SendAsync(HttpMethod.Post, $"/api/operator/chats/{sessionId}/messages", new { text });

    public Task<HttpResponseMessage> ActAsync(string sessionId, string action, object? body = null) =>
        SendAsync(HttpMethod.Post, $"/api/operator/chats/{sessionId}/{action}", body);

    public Task<HttpResponseMessage> AddNoteAsync(string sessionId, string text) =>
        SendAsync(HttpMethod.Post, $"/api/operator/chats/{sessionId}/notes", new { text });

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", Token);
        return await http.SendAsync(request);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadAsync<T>())!;
    }
}
