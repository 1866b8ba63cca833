using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Realtime;

/// <summary>
/// On Azure: pushes through Azure SignalR Service's REST API (version 1.0), each call with its own
/// token. A refused or failed call throws, and the outbox that asked for the push tries again.
/// </summary>
public sealed class ServiceChannel(IHttpClientFactory http, SignalRServiceEndpoint endpoint, ServiceTokens tokens, IOptions<SignalRServiceOptions> options) : IRealtimeChannel
{
    public const string HttpClientName = "signalr-service";

    private readonly string hubUrl = endpoint.HubUrl(options.Value.Hub);

    /// <summary>One call per user, side by side: a push reaches the visitor and the operator in the time of one call.</summary>
    public Task SendToUsersAsync(IReadOnlyCollection<string> users, string target, object payload, CancellationToken cancellationToken) =>
        Task.WhenAll(users.Select(user => CallAsync(HttpMethod.Post, $"{hubUrl}/users/{Uri.EscapeDataString(user)}", Invocation(target, payload), cancellationToken)));

    public Task SendToOperatorsAsync(string target, object payload, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, $"{hubUrl}/groups/{RealtimeUsers.Operators}", Invocation(target, payload), cancellationToken);

    /// <summary>The service keeps a user's groups for their later connections too: added once per negotiation.</summary>
    public Task AddToOperatorsAsync(string user, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Put, $"{hubUrl}/groups/{RealtimeUsers.Operators}/users/{Uri.EscapeDataString(user)}", null, cancellationToken);

    /// <summary>Out of the operators' group first (the service keeps a user's groups for later connections), then each connection closed.</summary>
    public async Task DisconnectAsync(string user, IReadOnlyCollection<string> connectionIds, CancellationToken cancellationToken)
    {
        await CallAsync(HttpMethod.Delete, $"{hubUrl}/groups/{RealtimeUsers.Operators}/users/{Uri.EscapeDataString(user)}", null, cancellationToken);
        await Task.WhenAll(connectionIds.Select(id => CallAsync(HttpMethod.Delete, $"{hubUrl}/connections/{Uri.EscapeDataString(id)}", null, cancellationToken)));
    }

    private static JsonContent Invocation(string target, object payload) =>
        JsonContent.Create(new ServiceInvocation(target, [payload]), options: Wire.Json);

    private async Task CallAsync(HttpMethod method, string url, HttpContent? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.ForCall(url));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Azure SignalR Service answered {(int)response.StatusCode} to {method} {new Uri(url).AbsolutePath}.", null, response.StatusCode);
        }
    }

    private sealed record ServiceInvocation(string Target, object[] Arguments);
}
