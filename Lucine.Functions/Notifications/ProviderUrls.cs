namespace Lucine.Functions.Notifications;

/// <summary>The rule for the provider and public URLs in configuration.</summary>
internal static class ProviderUrls
{
    public static bool IsHttpOrigin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && string.IsNullOrEmpty(uri.Query);
}
