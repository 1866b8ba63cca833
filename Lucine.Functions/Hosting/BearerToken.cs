namespace Lucine.Functions.Hosting;

/// <summary>The token of an <c>Authorization: Bearer …</c> header, for visitors and operators alike.</summary>
public static class BearerToken
{
    private const string Prefix = "Bearer ";

    public static string? From(HttpRequest request) =>
        request.Headers.Authorization.FirstOrDefault() is { } authorization && authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[Prefix.Length..].Trim()
            : null;
}
