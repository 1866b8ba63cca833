namespace Lucine.Functions.Hosting;

/// <summary>
/// Headers that make the dashboard and the demo page safe to serve: no inline scripts or styles, no
/// framing, no MIME sniffing, no referrer. Visitor text is always rendered as text by our pages; this
/// is the second line of defence if that ever slips.
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    /// <summary>Set as the response starts, so that error responses (whose headers the exception
    /// handler clears) carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
