using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Sends email with SendGrid's v3 Mail Send API through the SendGrid SDK. SendGrid answers 202 with
/// the message id in X-Message-Id, or <c>{"errors": [{message, field}]}</c>. The notification key and
/// ticket travel as custom_args, which SendGrid echoes in every event.
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
        var clientOptions = new SendGridClientOptions { ApiKey = settings.ApiKey };
        if (!string.IsNullOrWhiteSpace(settings.BaseUrl))
        {
            clientOptions.Host = settings.BaseUrl;
        }

        var httpClient = clients.CreateClient(HttpClientName);
        try
        {
            var response = await new SendGridClient(httpClient, clientOptions).SendEmailAsync(Mail(notification, settings), cancellationToken);
            return response.IsSuccessStatusCode
                ? SendOutcome.Sent(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null)
                : ProviderFailures.Answered(response.StatusCode, DescribeErrors(await response.Body.ReadAsStringAsync(cancellationToken)));
        }
        catch (HttpRequestException e)
        {
            return ProviderFailures.NoConnection(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProviderFailures.NoAnswer(httpClient.Timeout);
        }
    }

    /// <summary>The customer's text, never interpreted as HTML: escaped, with its line breaks kept.</summary>
    private static string Html(string text) =>
        WebUtility.HtmlEncode(text).ReplaceLineEndings("<br>");

    /// <summary>Subject and custom_args for the whole message rather than the one personalization, as the event webhook expects them.</summary>
    private static SendGridMessage Mail(Notification notification, SendGridOptions settings)
    {
        var customArgs = new Dictionary<string, string> { [NotificationArgument] = notification.Key };
        if (notification.Ticket is { } ticket)
        {
            customArgs[TicketArgument] = ticket;
        }

        // The SDK puts the plain text first, as the API requires, then the HTML alternative.
        var mail = new SendGridMessage
        {
            From = new EmailAddress(settings.FromEmail, string.IsNullOrWhiteSpace(settings.FromName) ? null : settings.FromName),
            Subject = notification.Subject,
            PlainTextContent = notification.Text,
            HtmlContent = Html(notification.Text),
            CustomArgs = customArgs,
            ReplyTo = string.IsNullOrWhiteSpace(settings.ReplyTo) ? null : new EmailAddress(settings.ReplyTo),
        };
        mail.AddTo(new EmailAddress(notification.To));
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
