using System.Net;

namespace Lucine.Functions.Notifications;

/// <summary>
/// One request to a provider's REST API, classified the same way for every provider: 2xx sent; 408,
/// 429, 5xx, a timeout or a network error retryable; any other answer a rejection of this message.
/// </summary>
internal static class ProviderHttp
{
    public static async Task<SendOutcome> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        Func<HttpResponseMessage, string, string?> messageId,
        Func<string, string?> describeError,
        CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return SendOutcome.Sent(messageId(response, body));
            }

            var error = $"HTTP {(int)response.StatusCode}" + (describeError(body) is { Length: > 0 } detail ? ": " + detail : string.Empty);
            return IsRetryable(response.StatusCode) ? SendOutcome.Retryable(error) : SendOutcome.Rejected(error);
        }
        catch (HttpRequestException e)
        {
            return SendOutcome.Retryable("no connection: " + e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.Retryable($"no answer within {client.Timeout}");
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
