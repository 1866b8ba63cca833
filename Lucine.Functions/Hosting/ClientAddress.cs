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
            && ParseHop(hops[^1]) is { } forwarded)
        {
            return forwarded.ToString();
        }

        return remote?.ToString() ?? "unknown";
    }

    /// <summary>
    /// A hop as proxies write it: an address, an IPv4 address with a port (<c>203.0.113.7:51234</c>),
    /// or a bracketed IPv6 address with or without one (<c>[2001:db8::1]:443</c>). Azure's front ends
    /// add the port. A bare IPv6 address has colons too, so only the bracketed form has a port.
    /// </summary>
    public static IPAddress? ParseHop(string hop)
    {
        if (hop.StartsWith('['))
        {
            var close = hop.IndexOf(']');
            var rest = close < 0 ? null : hop[(close + 1)..];
            return rest is not null && (rest.Length == 0 || IsPort(rest)) && IPAddress.TryParse(hop[1..close], out var bracketed) ? bracketed : null;
        }

        if (IPAddress.TryParse(hop, out var address) && hop.Count(c => c == ':') != 1)
        {
            return address;
        }

        var colon = hop.IndexOf(':');
        return colon > 0 && hop.IndexOf(':', colon + 1) < 0 && IsPort(hop[colon..]) && IPAddress.TryParse(hop[..colon], out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? v4
            : null;
    }

    private static bool IsPort(string text) =>
        text.Length is > 1 and <= 6 && text[0] == ':' && text[1..].All(char.IsAsciiDigit) && int.Parse(text[1..], System.Globalization.CultureInfo.InvariantCulture) <= 65535;
}
