using Lucine.Functions.Realtime;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Headers that make the dashboard and the demo page safe to serve: no inline scripts or styles, no
/// framing, no MIME sniffing, no referrer, no powerful browser features. Visitor text is always
/// rendered as text by our pages; this is the second line of defence if that ever slips. API answers
/// carry session tokens, operator JWTs and personal data, so no cache may keep them. HSTS is sent
/// where the connection is https: on an https request, and behind the Functions host, which Azure
/// serves on https only (the app is https-only, and the host forwards to us over loopback http).
/// </summary>
public static class SecurityHeaders
{
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), " +
        "midi=(), payment=(), publickey-credentials-get=(), serial=(), usb=(), xr-spatial-tracking=()";

    /// <summary>Set as the response starts, so that error responses (whose headers the exception
    /// handler clears) carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var contentSecurityPolicy = ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<IOptions<SignalRServiceOptions>>().Value);
        var behindFunctionsHost = HostingServices.IsBehindFunctionsHost(app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // A file served as it was sent brings its own, stricter policy (a sandbox).
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = contentSecurityPolicy;
                }

                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = PermissionsPolicy;
                if (context.Request.IsHttps || behindFunctionsHost)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    headers.CacheControl = string.IsNullOrEmpty(headers.CacheControl) ? "no-store" : headers.CacheControl;
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    /// <summary>With Azure SignalR Service the pages also connect to the service (its HTTP negotiation and its WebSocket).</summary>
    private static string ContentSecurityPolicy(SignalRServiceOptions realtime)
    {
        var connect = "'self'";
        if (realtime.Enabled)
        {
            var service = realtime.Endpoint().Endpoint;
            var socket = new UriBuilder(service) { Scheme = service.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
            connect += $" {service.GetLeftPart(UriPartial.Authority)} {socket.GetLeftPart(UriPartial.Authority)}";
        }

        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https:; connect-src " + connect + "; " +
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    }
}
