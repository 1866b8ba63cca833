using System.Net;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

/// <summary>
/// The caller's address for rate limits. X-Forwarded-For is believed only when the connection comes
/// from a configured trusted proxy, and then only its last hop (the one that proxy saw): anything
/// earlier in the header is the client's own claim.
/// </summary>
public sealed class ClientAddress(IOptions<SecurityOptions> options)
{
    private readonly HashSet<IPAddress> trusted = options.Value.TrustedProxies
        .Select(p => IPAddress.TryParse(p, out var address) ? address : null).OfType<IPAddress>().ToHashSet();

    public string Of(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && trusted.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
            && context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } hops
            && IPAddress.TryParse(hops[^1], out var forwarded))
        {
            return forwarded.ToString();
        }

        return remote?.ToString() ?? "unknown";
    }
}
