using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Sends email with SendGrid's v3 Mail Send API: a JSON POST to /v3/mail/send with a Bearer API key.
/// SendGrid answers 202 with the message id in X-Message-Id, or <c>{"errors": [{message, field}]}</c>.
/// The notification key and ticket travel as custom_args, which SendGrid echoes in every event.
/// </summary>
public sealed class SendGridSender(IHttpClientFactory clients, IOptions<SendGridOptions> options) : IChannelSender
{
    public const string HttpClientName = "sendgrid";

    /// <summary>The custom_args names, as the event webhook reads them back.</summary>
    public const string NotificationArgument = "notification";
    public const string TicketArgument = "ticket";

    public const string ProviderName = "sendgrid";

    public string Provider => ProviderName;

    public async Task<SendOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/mail/send")
        {
            Content = new StringContent(Mail(notification, settings).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        return await ProviderHttp.SendAsync(
            clients.CreateClient(HttpClientName),
            request,
            (response, _) => response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null,
            DescribeErrors,
            cancellationToken);
    }

    /// <summary>The customer's text, never interpreted as HTML: escaped, with its line breaks kept.</summary>
    private static string Html(string text) =>
        WebUtility.HtmlEncode(text).ReplaceLineEndings("<br>");

    private static JsonObject Mail(Notification notification, SendGridOptions settings)
    {
        var from = new JsonObject { ["email"] = settings.FromEmail };
        if (!string.IsNullOrWhiteSpace(settings.FromName))
        {
            from["name"] = settings.FromName;
        }

        var customArgs = new JsonObject { [NotificationArgument] = notification.Key };
        if (notification.Ticket is { } ticket)
        {
            customArgs[TicketArgument] = ticket;
        }

        var mail = new JsonObject
        {
            ["personalizations"] = new JsonArray(new JsonObject { ["to"] = new JsonArray(new JsonObject { ["email"] = notification.To }) }),
            ["from"] = from,
            ["subject"] = notification.Subject,

            // Plain text first, as the API requires, then the HTML alternative.
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text/plain", ["value"] = notification.Text },
                new JsonObject { ["type"] = "text/html", ["value"] = Html(notification.Text) }),
            ["custom_args"] = customArgs,
        };
        if (!string.IsNullOrWhiteSpace(settings.ReplyTo))
        {
            mail["reply_to"] = new JsonObject { ["email"] = settings.ReplyTo };
        }

        return mail;
    }

    private static string? DescribeErrors(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return "SendGrid: " + string.Join("; ", errors.EnumerateArray().Select(error =>
                (error.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() + ": " : string.Empty)
                + (error.TryGetProperty("message", out var message) ? message.ToString() : "error")));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
