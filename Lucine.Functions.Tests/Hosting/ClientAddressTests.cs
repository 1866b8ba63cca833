using Lucine.Functions.Hosting;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>Proxies write a hop as an address, with a port, or as a bracketed IPv6 address: all are the same caller.</summary>
[Trait("Category", Layer.Unit)]
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:51234", "203.0.113.7")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("::ffff:203.0.113.7", "::ffff:203.0.113.7")]
    public void A_hop_with_or_without_a_port_is_its_address(string hop, string address) =>
        Assert.Equal(address, ClientAddress.ParseHop(hop)?.ToString());

    [Theory]
    [InlineData("203.0.113.7:")]
    [InlineData("203.0.113.7:99999")]
    [InlineData("203.0.113.7:80:80")]
    [InlineData("[2001:db8::1")]
    [InlineData("[2001:db8::1]443")]
    [InlineData("[203.0.113.7:80")]
    [InlineData("unknown")]
    [InlineData("example.com:80")]
    public void Anything_else_is_no_address(string hop) => Assert.Null(ClientAddress.ParseHop(hop));
}
