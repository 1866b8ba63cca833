using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Twilio's Messages API for WhatsApp and SMS. Without <see cref="AccountSid"/> and <see cref="AuthToken"/>
/// (or without a sender for a channel) that channel goes to the local sink, and the Twilio webhooks
/// refuse every request since they cannot verify it.
/// </summary>
public sealed partial class TwilioOptions : IValidatableObject
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }

    /// <summary>Secret: signs our requests (Basic auth) and Twilio's webhooks (X-Twilio-Signature).</summary>
    public string? AuthToken { get; set; }

    /// <summary>A stand-in for https://api.twilio.com (tests, local runs); unset, the SDK calls Twilio itself.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The WhatsApp sender, e.g. whatsapp:+14155238886 (the prefix is added when missing).</summary>
    public string? WhatsAppFrom { get; set; }

    /// <summary>The SMS sender number (E.164).</summary>
    public string? SmsFrom { get; set; }

    /// <summary>A Messaging Service that picks the SMS sender (instead of, or together with, <see cref="SmsFrom"/>).</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>The approved template for WhatsApp messages outside the customer's 24-hour window.</summary>
    public WhatsAppTemplateOptions WhatsAppTemplate { get; set; } = new();

    public bool HasCredentials => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);

    /// <summary>Whether messages on <paramref name="channel"/> go to Twilio: credentials and a sender for it.</summary>
    public bool Sends(ContactChannel channel) => HasCredentials && channel switch
    {
        ContactChannel.WhatsApp => !string.IsNullOrWhiteSpace(WhatsAppFrom),
        ContactChannel.Sms => !string.IsNullOrWhiteSpace(SmsFrom) || !string.IsNullOrWhiteSpace(MessagingServiceSid),
        _ => false,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(AccountSid) != string.IsNullOrWhiteSpace(AuthToken))
        {
            yield return new ValidationResult($"{Section}:{nameof(AccountSid)} and {Section}:{nameof(AuthToken)} are set together or not at all.", [nameof(AuthToken)]);
        }

        if (!string.IsNullOrWhiteSpace(BaseUrl) && !ProviderUrls.IsHttpOrigin(BaseUrl))
        {
            yield return new ValidationResult($"{Section}:{nameof(BaseUrl)} must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(WhatsAppFrom) && !PhoneNumber().IsMatch(TwilioAddress.Bare(WhatsAppFrom)))
        {
            yield return new ValidationResult($"{Section}:{nameof(WhatsAppFrom)} must be whatsapp:+<E.164 number>.", [nameof(WhatsAppFrom)]);
        }

        if (!string.IsNullOrWhiteSpace(SmsFrom) && !PhoneNumber().IsMatch(SmsFrom))
        {
            yield return new ValidationResult($"{Section}:{nameof(SmsFrom)} must be an E.164 number such as +15005550006.", [nameof(SmsFrom)]);
        }

        foreach (var (variable, field) in WhatsAppTemplate.Variables)
        {
            if (string.IsNullOrWhiteSpace(field))
            {
                yield return new ValidationResult($"{Section}:{nameof(WhatsAppTemplate)}:{nameof(WhatsAppTemplateOptions.Variables)}:{variable} must name a notification field.", [nameof(WhatsAppTemplate)]);
            }
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhoneNumber();
}

/// <summary>A Twilio Content template (ContentSid HX…) and which notification field fills each of its variables.</summary>
public sealed class WhatsAppTemplateOptions
{
    private static readonly IReadOnlyDictionary<string, string> DefaultVariables = new Dictionary<string, string>
    {
        ["1"] = "ticket_number",
        ["2"] = "text",
    };

    public string? ContentSid { get; set; }

    /// <summary>Template variable ("1", "2"…) → field of <see cref="Lucine.Domain.Notifications.Notification.Fields"/>.</summary>
    /// <remarks>Starts empty so that a configured map replaces the default instead of being merged into it.</remarks>
    public Dictionary<string, string> Variables { get; set; } = [];

    /// <summary>The configured variables, or {"1": ticket_number, "2": text} when none are.</summary>
    public IReadOnlyDictionary<string, string> FieldsByVariable => Variables.Count > 0 ? Variables : DefaultVariables;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ContentSid);
}
