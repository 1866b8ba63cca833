using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// A self-signed certificate for a stand-in that must speak https (a client that sends a token only
/// over TLS), and the one client handler that trusts it: nothing else in the process does.
/// </summary>
public static class TestCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel needs the private key in a form it can load on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A handler that accepts exactly <paramref name="certificate"/> (by its bytes), and nothing else it would not accept anyway.</summary>
    public static SocketsHttpHandler Trusting(X509Certificate2 certificate) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                errors == SslPolicyErrors.None || (presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(certificate.RawData)),
        },
    };
}
