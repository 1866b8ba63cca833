using Azure.Core;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>Stands in for the managed identity: hands out a known token and remembers the scopes it was asked for.</summary>
public sealed class RecordingCredential : TokenCredential
{
    public const string Token = "identity-token";

    private readonly List<string[]> scopes = [];

    public IReadOnlyList<string[]> Scopes
    {
        get
        {
            lock (scopes)
            {
                return [.. scopes];
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (scopes)
        {
            scopes.Add(requestContext.Scopes);
        }

        return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
