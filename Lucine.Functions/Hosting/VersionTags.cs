using System.Globalization;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Optimistic concurrency over HTTP for things with a version number (a knowledge base version, a
/// canned reply): the ETag is the number in quotes, and an edit names the one it started from as If-Match.
/// </summary>
public static class VersionTags
{
    /// <summary>The version an edit started from, as the ETag its author was given (absent or *: any).</summary>
    public static bool TryReadIfMatch(HttpRequest request, out int? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header is "" or "*")
        {
            return true;
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (!TryVersion(tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' ? tag[1..^1] : tag, out var number))
        {
            return false;
        }

        version = number;
        return true;
    }

    public static bool TryVersion(string text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version);

    public static void SetETag(HttpResponse response, int version) => response.Headers.ETag = $"\"{version}\"";
}
