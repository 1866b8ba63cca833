using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Sends WhatsApp and SMS messages with Twilio's Messages API: a form POST to
/// /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth (AccountSid:AuthToken). Twilio answers
/// 201 with the message's <c>sid</c>, or an error with its own <c>code</c> and <c>message</c>.
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

        using var request = new HttpRequestMessage(HttpMethod.Post, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/Messages.json")
        {
            Content = new FormUrlEncodedContent(Form(notification, settings)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        return await ProviderHttp.SendAsync(clients.CreateClient(HttpClientName), request, (_, body) => Read(body, "sid"), DescribeError, cancellationToken);
    }

    /// <summary>Outside the customer's 24-hour window WhatsApp allows only an approved template.</summary>
    private static bool UsesTemplate(Notification notification, TwilioOptions settings) =>
        notification is { Channel: ContactChannel.WhatsApp, OutsideWhatsAppWindow: true } && settings.WhatsAppTemplate.IsConfigured;

    /// <summary>A template variable's value: the notification's field of that name; "text" defaults to the notification's text.</summary>
    private static string? TemplateValue(Notification notification, string field) =>
        notification.Fields.TryGetValue(field, out var value) && value.Length > 0 ? value
            : field == "text" && notification.Text.Length > 0 ? notification.Text
            : null;

    private List<KeyValuePair<string, string>> Form(Notification notification, TwilioOptions settings)
    {
        var form = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                form.Add(new(name, value));
            }
        }

        if (notification.Channel == ContactChannel.WhatsApp)
        {
            Add("To", TwilioAddress.WhatsApp(notification.To));
            Add("From", TwilioAddress.WhatsApp(settings.WhatsAppFrom!));
        }
        else
        {
            Add("To", notification.To);
            Add("From", settings.SmsFrom);
            Add("MessagingServiceSid", settings.MessagingServiceSid);
        }

        if (UsesTemplate(notification, settings))
        {
            // A template is sent without Body: its text is the approved one, with the variables filled in.
            var template = settings.WhatsAppTemplate;
            Add("ContentSid", template.ContentSid);
            Add("ContentVariables", JsonSerializer.Serialize(template.FieldsByVariable.ToDictionary(v => v.Key, v => TemplateValue(notification, v.Value)), Wire.Json));
        }
        else
        {
            if (notification is { Channel: ContactChannel.WhatsApp, OutsideWhatsAppWindow: true } && Interlocked.Exchange(ref warnedAboutTemplate, 1) == 0)
            {
                LogNoTemplate(logger);
            }

            Add("Body", notification.Text);
        }

        if (notificationOptions.Value.PublicBaseUrl is { Length: > 0 } publicBase)
        {
            Add("StatusCallback", publicBase.TrimEnd('/') + WebhookPaths.TwilioStatus);
        }

        return form;
    }

    private static string? DescribeError(string body)
    {
        var code = Read(body, "code");
        var message = Read(body, "message");
        return code is null && message is null ? null : $"Twilio error {code ?? "?"}: {message}";
    }

    private static string? Read(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A WhatsApp message outside the customer's 24-hour window is sent as free text because Twilio:WhatsAppTemplate:ContentSid is not set; WhatsApp will likely refuse it (Twilio error 63016).")]
    private static partial void LogNoTemplate(ILogger logger);
}
