using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Chat;

/// <summary>
/// Where the visitor is, as their widget reports it (<c>context</c> of the first message, and
/// <c>POST /api/chat/{id}/page</c> later). Optional as a whole: older widgets and API clients send none.
/// </summary>
public sealed record VisitorContextRequest(string? PageUrl, string? PageTitle, string? Referrer, string? Device, string? Language, string? WidgetId);

/// <summary><c>POST /api/chat/{sessionId}/page</c>: the page the visitor has open now.</summary>
public sealed record PageRequest(string? Url, string? Title);

/// <summary>
/// What a widget may say about the visitor, checked at the edge: only what it can honestly know, in
/// bounded sizes. Its own id never goes further than here: the session keeps its keyed hash.
/// </summary>
public static class VisitorContexts
{
    public const int MaxUrlLength = 2048;
    public const int MaxTitleLength = 200;
    private const int MaxLanguageLength = 35;

    /// <summary>A widget id is the base64url of 16 to 24 random bytes, as the widget makes it.</summary>
    private const int MinWidgetIdLength = 22;
    private const int MaxWidgetIdLength = 32;

    /// <summary>The context in a first message (none is fine), or the problem with it.</summary>
    public static ProblemHttpResult? Read(VisitorContextRequest? request, SessionCredentials credentials, out VisitorContext? context)
    {
        context = null;
        if (request is null)
        {
            return null;
        }

        VisitorPage? page = null;
        if (request.PageUrl is not null && Page(request.PageUrl, request.PageTitle, out page) is { } invalidPage)
        {
            return invalidPage;
        }

        if (request.Referrer is { } referrer && !IsWebAddress(referrer))
        {
            return Problems.Invalid("invalid-context", "Invalid visitor context", $"'referrer' must be an absolute http or https URL of at most {MaxUrlLength} characters.");
        }

        VisitorDevice? device = null;
        if (request.Device is { } deviceName)
        {
            if (!Wire.TryParse<VisitorDevice>(deviceName, out var parsed))
            {
                return Problems.Invalid("invalid-context", "Invalid visitor context", "'device' must be mobile or desktop.");
            }

            device = parsed;
        }

        if (request.Language is { } language && !IsLanguageTag(language))
        {
            return Problems.Invalid("invalid-context", "Invalid visitor context", $"'language' must be a language tag (like it-IT) of at most {MaxLanguageLength} characters.");
        }

        if (request.WidgetId is { } widgetId && !IsWidgetId(widgetId))
        {
            return Problems.Invalid("invalid-context", "Invalid visitor context",
                $"'widgetId' must be {MinWidgetIdLength} to {MaxWidgetIdLength} characters among letters, digits, '-' and '_'.");
        }

        context = new VisitorContext(page, request.Referrer, device, request.Language, request.WidgetId is { } id ? credentials.VisitorKey(id) : null);
        return null;
    }

    /// <summary>A page the visitor has open, or the problem with it.</summary>
    public static ProblemHttpResult? Page(string? url, string? title, out VisitorPage? page)
    {
        page = null;
        if (url is null || !IsWebAddress(url))
        {
            return Problems.Invalid("invalid-context", "Invalid visitor context", $"The page URL must be an absolute http or https URL of at most {MaxUrlLength} characters.");
        }

        if (title is not null && (title.Length > MaxTitleLength || !PlainText.IsAcceptable(title, allowLines: false)))
        {
            return Problems.Invalid("invalid-context", "Invalid visitor context", $"The page title must be at most {MaxTitleLength} characters, without control characters.");
        }

        page = new VisitorPage(url, string.IsNullOrWhiteSpace(title) ? null : title);
        return null;
    }

    private static bool IsWebAddress(string text) =>
        text.Length <= MaxUrlLength
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !text.Any(char.IsControl);

    private static bool IsLanguageTag(string text) =>
        text.Length is > 0 and <= MaxLanguageLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsWidgetId(string text) =>
        text.Length is >= MinWidgetIdLength and <= MaxWidgetIdLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
