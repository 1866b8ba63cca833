using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Realtime;

/// <summary>Where the service sends a client, and the token it lets them in with.</summary>
public sealed record NegotiateResponse(string Url, string AccessToken);

/// <summary>
/// With Azure SignalR Service: the negotiation that sends clients to the service (at the hub's own
/// path, so the JS client follows it unchanged), and the upstream the service reports connections to.
/// </summary>
public static class ServiceEndpoints
{
    public const string UpstreamPath = "/api/realtime/upstream";

    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(LucineHub.Path + "/negotiate", NegotiateAsync).WithTags("Realtime").WithName("Negotiate")
            .RequireAuthorization(LucineIdentity.HubPolicy).RequireCors(CorsPolicies.Widget);
        app.MapPost(UpstreamPath + "/{hub}/{category}/{event}", UpstreamAsync).WithTags("Realtime").WithName("RealtimeUpstream");
        return app;
    }

    private static async Task<Ok<NegotiateResponse>> NegotiateAsync(
        ClaimsPrincipal user, SignalRServiceEndpoint endpoint, ServiceTokens tokens, ServiceChannel channel, IOptions<SignalRServiceOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = user.Session() is { } session ? RealtimeUsers.Visitor(session) : RealtimeUsers.Operator(user.Username()!);
        if (user.Username() is not null)
        {
            await channel.AddToOperatorsAsync(id, cancellationToken);
        }

        var url = endpoint.ClientUrl(settings.Hub);
        return TypedResults.Ok(new NegotiateResponse(url, tokens.ForClient(url, id, settings.ClientTokenLifetime)));
    }

    /// <summary>
    /// The service's connection events, signed with the access key over the connection id. Operators'
    /// connections feed their presence; the rest need nothing.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> UpstreamAsync(
        string hub, string category, string @event, HttpRequest request, SignalRServiceEndpoint endpoint, OperatorPresence presence,
        IOptions<SignalRServiceOptions> options, CancellationToken cancellationToken)
    {
        var connectionId = request.Headers["X-ASRS-Connection-Id"].ToString();
        if (connectionId.Length == 0 || !SignedByService(connectionId, request.Headers["X-ASRS-Signature"], endpoint.AccessKey))
        {
            return Problems.InvalidWebhookSignature("X-ASRS-Signature");
        }

        if (!string.Equals(hub, options.Value.Hub, StringComparison.OrdinalIgnoreCase) || category != "connections")
        {
            return TypedResults.NoContent();
        }

        if (RealtimeUsers.IsOperator(request.Headers["X-ASRS-User-Id"].ToString(), out var username))
        {
            if (@event == "connected")
            {
                await presence.ConnectedAsync(username, connectionId, cancellationToken);
            }
            else if (@event == "disconnected")
            {
                await presence.DisconnectedAsync(username, connectionId, cancellationToken);
            }
        }

        return TypedResults.NoContent();
    }

    /// <summary>The header lists one <c>sha256=HEX</c> per key the service holds; one made with ours is enough.</summary>
    private static bool SignedByService(string connectionId, IEnumerable<string?> signatures, string accessKey)
    {
        const string Prefix = "sha256=";
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKey), Encoding.UTF8.GetBytes(connectionId))));
        return signatures
            .SelectMany(header => (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(signature => signature.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature[Prefix.Length..].ToUpperInvariant()), expected));
    }
}
