using System.Net;

namespace Lucine.Functions.Notifications;

/// <summary>
/// A provider's failure, classified the same way for every provider: 408, 429, 5xx, a timeout or a
/// network error may pass, so the message is retried later; any other answer refuses this message.
/// </summary>
internal static class ProviderFailures
{
    public static SendOutcome Answered(HttpStatusCode status, string? detail)
    {
        var error = $"HTTP {(int)status}" + (detail is { Length: > 0 } ? ": " + detail : string.Empty);
        return IsRetryable(status) ? SendOutcome.Retryable(error) : SendOutcome.Rejected(error);
    }

    public static SendOutcome NoAnswer(TimeSpan timeout) => SendOutcome.Retryable($"no answer within {timeout}");

    public static SendOutcome NoConnection(string reason) => SendOutcome.Retryable("no connection: " + reason);

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
