using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Lucine.Functions.Tests.Notifications;

/// <summary>How the fake provider answers.</summary>
public enum ProviderMode
{
    /// <summary>As documented: Twilio 201 with the message's sid, SendGrid 202 with X-Message-Id.</summary>
    Healthy,

    /// <summary>500, as during an outage.</summary>
    ServerError,

    /// <summary>400 with the provider's error body: this message is refused for good.</summary>
    Reject,

    /// <summary>No answer at all until the test ends.</summary>
    Silent,
}

/// <summary>A request exactly as it reached the provider.</summary>
public sealed record ProviderRequest(string Method, string Path, string? Authorization, string? UserAgent, string? ContentType, string Body, string? AnsweredId)
{
    public Dictionary<string, string> Form => QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString());

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// Stands in for api.twilio.com and api.sendgrid.com on a local Kestrel (the only fake these tests
/// use, for third-party internet services): it records every request and answers like the provider.
/// </summary>
public sealed class FakeProvider : IAsyncDisposable
{
    private StandInServer server = null!;
    private readonly ConcurrentQueue<ProviderRequest> requests = new();
    private volatile ProviderMode mode = ProviderMode.Healthy;

    public Uri BaseAddress => server.BaseAddress;

    public ProviderMode Mode
    {
        get => mode;
        set => mode = value;
    }

    public IReadOnlyList<ProviderRequest> Requests => [.. requests];

    public IReadOnlyList<ProviderRequest> Accepted => [.. requests.Where(r => r.AnsweredId is not null)];

    private FakeProvider()
    {
    }

    public static async Task<FakeProvider> StartAsync()
    {
        var service = new FakeProvider();
        service.server = await StandInServer.StartAsync(service.AnswerAsync);
        return service;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        var isTwilio = request.Path.Value!.EndsWith("/Messages.json", StringComparison.Ordinal);
        var current = mode;
        var answeredId = current != ProviderMode.Healthy ? null
            : isTwilio ? "SM" + Guid.NewGuid().ToString("N")
            : Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        requests.Enqueue(new ProviderRequest(request.Method, request.Path.Value!, request.Headers.Authorization.ToString(), request.Headers.UserAgent.ToString(), request.ContentType, body, answeredId));

        var response = context.Response;
        switch (current)
        {
            case ProviderMode.Healthy when isTwilio:
                response.StatusCode = StatusCodes.Status201Created;
                await response.WriteAsJsonAsync(new { sid = answeredId, status = "queued", error_code = (int?)null });
                break;
            case ProviderMode.Healthy:
                response.StatusCode = StatusCodes.Status202Accepted;
                response.Headers["X-Message-Id"] = answeredId;
                break;
            case ProviderMode.ServerError:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
            case ProviderMode.Reject when isTwilio:
                response.StatusCode = StatusCodes.Status400BadRequest;
                await response.WriteAsJsonAsync(new { code = 21211, message = "The 'To' number is not a valid phone number.", more_info = "https://www.twilio.com/docs/errors/21211", status = 400 });
                break;
            case ProviderMode.Reject:
                response.StatusCode = StatusCodes.Status400BadRequest;
                await response.WriteAsJsonAsync(new { errors = new[] { new { message = "Does not contain a valid address.", field = "personalizations.0.to.0.email", help = (string?)null } } });
                break;
            case ProviderMode.Silent:
                await server.TestEnded;
                break;
        }
    }
}
