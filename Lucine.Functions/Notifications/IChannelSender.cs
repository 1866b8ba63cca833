namespace Lucine.Functions.Notifications;

/// <summary>Hands a notification to one provider, once, and says what became of it.</summary>
public interface IChannelSender
{
    /// <summary>The provider's name as attempts record it: "twilio", "sendgrid", "sink".</summary>
    string Provider { get; }

    /// <summary>Never throws for a provider failure: the outcome says whether to retry.</summary>
    Task<SendOutcome> SendAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>What one request to a provider achieved.</summary>
public enum SendResult
{
    /// <summary>The provider accepted the message.</summary>
    Sent,

    /// <summary>Throttled, a server error, no answer: the same request may succeed later.</summary>
    Retryable,

    /// <summary>The provider refused this message (bad number, bad address, bad request): retrying cannot help.</summary>
    Rejected,
}

/// <summary>The answer of one request to a provider.</summary>
/// <param name="MessageId">The provider's id of the message (Twilio's sid, SendGrid's X-Message-Id), when sent.</param>
/// <param name="Error">What went wrong, with the provider's own error code and message when it gave them.</param>
public sealed record SendOutcome(SendResult Result, string? MessageId, string? Error)
{
    public static SendOutcome Sent(string? messageId) => new(SendResult.Sent, messageId, null);

    public static SendOutcome Retryable(string error) => new(SendResult.Retryable, null, error);

    public static SendOutcome Rejected(string error) => new(SendResult.Rejected, null, error);
}
