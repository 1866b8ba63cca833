using System.Text.Json;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Sends WhatsApp and SMS messages with Twilio's Messages API through the Twilio SDK. Twilio answers
/// with the message's <c>sid</c>, or an error with its own <c>code</c> and <c>message</c>.
/// </summary>
public sealed partial class TwilioSender(
    IHttpClientFactory clients,
    IOptions<TwilioOptions> options,
    IOptions<NotificationOptions> notificationOptions,
    ILogger<TwilioSender> logger) : IChannelSender
{
    public const string HttpClientName = "twilio";
    public const string ProviderName = "twilio";

    private int warnedAboutTemplate;

    public string Provider => ProviderName;

    public async Task<SendOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var template = settings.WhatsAppTemplate;
        if (UsesTemplate(notification, settings) && template.FieldsByVariable.Values.Where(field => TemplateValue(notification, field) is null).ToList() is { Count: > 0 } missing)
        {
            // Twilio would refuse the template with a variable left empty; say which field was missing instead.
            return SendOutcome.Rejected($"The WhatsApp template needs the notification fields {string.Join(", ", missing.Distinct())}.");
        }

        // A client per message: its LastResponse is this message's answer, and cancelling its pending
        // requests cancels only this one (the SDK's calls take no cancellation token).
        var httpClient = clients.CreateClient(HttpClientName);
        var http = new Twilio.Http.SystemNetHttpClient(httpClient);
        var twilio = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: http);
        cancellationToken.ThrowIfCancellationRequested();
        using var cancellation = cancellationToken.Register(static client => ((HttpClient)client!).CancelPendingRequests(), httpClient);
        try
        {
            var message = await MessageResource.CreateAsync(Message(notification, settings), client: twilio);
            return SendOutcome.Sent(message?.Sid);
        }
        catch (TwilioException e) when (http.LastResponse is { } answer)
        {
            // The answer's own status: the SDK reports a bare 500 or a proxy's HTML page with status 0.
            // An accepted message whose answer cannot be read must not be sent again.
            return (int)answer.StatusCode is >= 200 and < 300
                ? SendOutcome.Sent(null)
                : ProviderFailures.Answered(answer.StatusCode, e is ApiException { Code: not 0 } error ? $"Twilio error {error.Code}: {error.Message}" : null);
        }
        catch (ApiConnectionException e) when (e.InnerException is OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ProviderFailures.NoAnswer(httpClient.Timeout);
        }
        catch (ApiConnectionException e)
        {
            return ProviderFailures.NoConnection(e.InnerException?.Message ?? e.Message);
        }
    }

    /// <summary>Outside the customer's 24-hour window WhatsApp allows only an approved template.</summary>
    private static bool UsesTemplate(Notification notification, TwilioOptions settings) =>
        notification is { Channel: ContactChannel.WhatsApp, OutsideWhatsAppWindow: true } && settings.WhatsAppTemplate.IsConfigured;

    /// <summary>A template variable's value: the notification's field of that name; "text" defaults to the notification's text.</summary>
    private static string? TemplateValue(Notification notification, string field) =>
        notification.Fields.TryGetValue(field, out var value) && value.Length > 0 ? value
            : field == "text" && notification.Text.Length > 0 ? notification.Text
            : null;

    /// <summary>The SDK sends every parameter that is not null: an unset one must be null, not empty.</summary>
    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private CreateMessageOptions Message(Notification notification, TwilioOptions settings)
    {
        var whatsApp = notification.Channel == ContactChannel.WhatsApp;
        var message = new CreateMessageOptions(new PhoneNumber(whatsApp ? TwilioAddress.WhatsApp(notification.To) : notification.To))
        {
            From = (whatsApp ? TwilioAddress.WhatsApp(settings.WhatsAppFrom!) : Present(settings.SmsFrom)) is { } from ? new PhoneNumber(from) : null,
            MessagingServiceSid = whatsApp ? null : Present(settings.MessagingServiceSid),
            StatusCallback = notificationOptions.Value.PublicBaseUrl is { Length: > 0 } publicBase ? new Uri(publicBase.TrimEnd('/') + WebhookPaths.TwilioStatus) : null,
        };

        if (UsesTemplate(notification, settings))
        {
            // A template is sent without Body: its text is the approved one, with the variables filled in.
            var template = settings.WhatsAppTemplate;
            message.ContentSid = template.ContentSid;
            message.ContentVariables = JsonSerializer.Serialize(template.FieldsByVariable.ToDictionary(v => v.Key, v => TemplateValue(notification, v.Value)), Wire.Json);
        }
        else
        {
            if (notification is { Channel: ContactChannel.WhatsApp, OutsideWhatsAppWindow: true } && Interlocked.Exchange(ref warnedAboutTemplate, 1) == 0)
            {
                LogNoTemplate(logger);
            }

            message.Body = Present(notification.Text);
        }

        return message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A WhatsApp message outside the customer's 24-hour window is sent as free text because Twilio:WhatsAppTemplate:ContentSid is not set; WhatsApp will likely refuse it (Twilio error 63016).")]
    private static partial void LogNoTemplate(ILogger logger);
}
