using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Notifications;

/// <summary>
/// SendGrid's v3 Mail Send API for email. Without <see cref="ApiKey"/> and <see cref="FromEmail"/>
/// email goes to the local sink; without <see cref="EventWebhookPublicKey"/> the event webhook refuses
/// every request since it cannot verify it.
/// </summary>
public sealed class SendGridOptions : IValidatableObject
{
    public const string Section = "SendGrid";

    /// <summary>Secret.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A stand-in for https://api.sendgrid.com (tests, local runs); unset, the SDK calls SendGrid itself.</summary>
    public string? BaseUrl { get; set; }

    public string? FromEmail { get; set; }

    public string? FromName { get; set; }

    public string? ReplyTo { get; set; }

    /// <summary>The Signed Event Webhook's verification key as SendGrid shows it: base64 of the ECDSA P-256 public key (SubjectPublicKeyInfo).</summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>How far the Event Webhook's signed timestamp may be from now; older (or later) requests are refused as replays.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public bool SendsEmail => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(FromEmail);

    public bool VerifiesEvents => !string.IsNullOrWhiteSpace(EventWebhookPublicKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !ProviderUrls.IsHttpOrigin(BaseUrl))
        {
            yield return new ValidationResult($"{Section}:{nameof(BaseUrl)} must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        }

        foreach (var (name, address) in new[] { (nameof(FromEmail), FromEmail), (nameof(ReplyTo), ReplyTo) })
        {
            if (!string.IsNullOrWhiteSpace(address) && !new EmailAddressAttribute().IsValid(address))
            {
                yield return new ValidationResult($"{Section}:{name} must be an email address.", [name]);
            }
        }

        if (VerifiesEvents && SendGridWebhookVerifier.ReadPublicKey(EventWebhookPublicKey!) is null)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(EventWebhookPublicKey)} must be the base64 ECDSA P-256 public key SendGrid shows for the Signed Event Webhook.",
                [nameof(EventWebhookPublicKey)]);
        }
    }
}
