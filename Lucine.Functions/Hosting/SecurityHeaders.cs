using Lucine.Functions.Realtime;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Headers that make the dashboard and the demo page safe to serve: no inline scripts or styles, no
/// framing, no MIME sniffing, no referrer. Visitor text is always rendered as text by our pages; this
/// is the second line of defence if that ever slips.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Set as the response starts, so that error responses (whose headers the exception
    /// handler clears) carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var contentSecurityPolicy = ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<IOptions<SignalRServiceOptions>>().Value);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = contentSecurityPolicy;
                headers.XFrameOptions = "DENY";
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

        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src " + connect + "; " +
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    }
}
