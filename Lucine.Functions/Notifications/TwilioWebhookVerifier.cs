using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Lucine.Functions.Notifications;

/// <summary>Checks Twilio's X-Twilio-Signature with the Twilio SDK's <see cref="RequestValidator"/> and the auth token.</summary>
public sealed class TwilioWebhookVerifier(IOptions<TwilioOptions> options)
{
    public const string Header = "X-Twilio-Signature";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.AuthToken);

    /// <param name="url">The URL Twilio called, as it signed it.</param>
    /// <param name="parameters">Every POST parameter; the validator sorts them itself.</param>
    /// <param name="signature">The header's value; missing or empty is refused (the validator would throw).</param>
    public bool IsValid(string url, IDictionary<string, string> parameters, string? signature) =>
        IsConfigured && !string.IsNullOrEmpty(signature) && new RequestValidator(options.Value.AuthToken!).Validate(url, parameters, signature);
}
