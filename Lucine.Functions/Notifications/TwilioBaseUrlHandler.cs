namespace Lucine.Functions.Notifications;

/// <summary>
/// Sends the Twilio SDK's requests, which always go to https://api.twilio.com, to the configured
/// <see cref="TwilioOptions.BaseUrl"/> instead (a stand-in for tests and local runs), path and query kept.
/// </summary>
internal sealed class TwilioBaseUrlHandler(string baseUrl) : DelegatingHandler
{
    private static readonly Uri TwilioApi = new("https://api.twilio.com");

    private readonly string baseUrl = baseUrl.TrimEnd('/');

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && Uri.Compare(uri, TwilioApi, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            request.RequestUri = new Uri(baseUrl + uri.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
