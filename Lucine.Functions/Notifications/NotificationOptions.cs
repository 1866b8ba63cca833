using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Notifications;

/// <summary>How notifications are sent and retried, and where the providers call back.</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>
    /// The public origin the providers call (https://lucine.example): the Twilio StatusCallback is built
    /// from it, and the URL Twilio signed is rebuilt from it. Empty: no status callbacks are asked for,
    /// and webhooks are verified against the URL the request itself arrived at.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Immediate retries within one attempt, for a provider's passing hiccup.</summary>
    [Range(0, 5)]
    public int QuickRetries { get; set; } = 2;

    /// <summary>The wait before the first quick retry; it doubles at each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan QuickRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The wait after the first failed attempt; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a notification that keeps failing is given up as failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Longest wait for a provider's answer to one request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an attempt holds its notification: nobody else sends it meanwhile. Longer than the
    /// longest attempt, so that only a crashed attempt's claim ever runs out.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Send due notifications in a background loop of this process (standalone), on the Timers:SendNotifications schedule. Behind the Functions host the SendNotifications timer does it.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>Most due notifications handled by one sweep; the rest wait for the next.</summary>
    [Range(1, 1000)]
    public int MaxPerSweep { get; set; } = 100;

    /// <summary>Notifications a sweep sends at the same time, so that one slow provider does not hold up the rest.</summary>
    [Range(1, 64)]
    public int MaxConcurrentSends { get; set; } = 8;

    /// <summary>The longest one attempt can take: every quick retry waiting the full request timeout.</summary>
    public TimeSpan LongestAttempt =>
        (RequestTimeout * (QuickRetries + 1)) + (QuickRetryDelay * ((1 << QuickRetries) - 1));

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts: doubling from the first delay, capped.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var doublings = Math.Clamp(failedAttempts - 1, 0, 30);
        var delay = FirstRetryDelay.Ticks * Math.Pow(2, doublings);
        return delay >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)delay);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !ProviderUrls.IsHttpOrigin(PublicBaseUrl))
        {
            yield return new ValidationResult($"{Section}:{nameof(PublicBaseUrl)} must be an absolute http(s) URL such as https://lucine.example.", [nameof(PublicBaseUrl)]);
        }

        if (MaxRetryDelay < FirstRetryDelay)
        {
            yield return new ValidationResult($"{Section}:{nameof(MaxRetryDelay)} must not be shorter than {nameof(FirstRetryDelay)}.", [nameof(MaxRetryDelay)]);
        }

        if (ClaimDuration <= LongestAttempt)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(ClaimDuration)} ({ClaimDuration}) must be longer than the longest attempt ({LongestAttempt}: {QuickRetries + 1} requests of up to {RequestTimeout}), or a slow attempt could be sent twice.",
                [nameof(ClaimDuration)]);
        }
    }
}
