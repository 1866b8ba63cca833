namespace Lucine.Functions.Notifications;

/// <summary>The rule for the provider and public URLs in configuration.</summary>
internal static class ProviderUrls
{
    public static bool IsHttpOrigin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && string.IsNullOrEmpty(uri.Query);

    /// <summary>The base address of an HTTP client: with a trailing slash, so that relative paths keep its path.</summary>
    public static Uri BaseAddress(string url) => new(url.TrimEnd('/') + "/");
}
