using System.Text;
using System.Text.Json;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>
/// What Twilio and SendGrid tell us: delivery reports and customers' replies. Anonymous, since the
/// providers carry no token of ours; each request is trusted only once its signature is verified, and
/// a request that fails verification changes nothing.
/// </summary>
public static class WebhookEndpoints
{
    /// <summary>Twilio's messages are at most 1,600 characters; its form posts stay far below this.</summary>
    private const int MaxTwilioBodyBytes = 64 * 1024;

    /// <summary>SendGrid posts events in batches; room for a large one.</summary>
    private const int MaxSendGridBodyBytes = 4 * 1024 * 1024;

    /// <summary>The TwiML that tells Twilio to answer nothing: replies come from operators, later.</summary>
    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(WebhookPaths.TwilioStatus, TwilioStatusAsync).WithName("TwilioStatus").WithTags("Provider webhooks");
        app.MapPost(WebhookPaths.TwilioInbound, TwilioInboundAsync).WithName("TwilioInbound").WithTags("Provider webhooks");
        app.MapPost(WebhookPaths.SendGridEvents, SendGridEventsAsync).WithName("SendGridEvents").WithTags("Provider webhooks");
        return app;
    }

    /// <summary>Twilio's status callback for a message we sent: queued, sent, delivered, read, failed, undelivered.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> TwilioStatusAsync(
        HttpRequest request, TwilioWebhookVerifier signature, DeliveryReports reports, IOptions<NotificationOptions> options, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadTwilioAsync(request, signature, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var messageSid = form!["MessageSid"].ToString();
        var status = form["MessageStatus"].ToString();
        if (messageSid.Length == 0 || status.Length == 0)
        {
            return Problems.Invalid("invalid-status-callback", "MessageSid and MessageStatus required", "A status callback names the message (MessageSid) and its status (MessageStatus).");
        }

        var errorCode = form["ErrorCode"].ToString();

        // False for a message that is not ours (another application on the account): nothing to update.
        await reports.ApplyAsync(
            new DeliveryReport(TwilioSender.ProviderName, messageSid, status, TwilioStatusMeans(status), errorCode.Length > 0 ? "Twilio error " + errorCode : null),
            cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A customer's WhatsApp or SMS message to our number, for their open ticket.</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> TwilioInboundAsync(
        HttpRequest request, TwilioWebhookVerifier signature, [FromServices] ITicketInbox inbox, IOptions<NotificationOptions> options, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadTwilioAsync(request, signature, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var from = form!["From"].ToString();
        var messageSid = form["MessageSid"].ToString();
        if (from.Length == 0 || messageSid.Length == 0)
        {
            return Problems.Invalid("invalid-inbound-message", "From and MessageSid required", "An incoming message names its sender (From) and itself (MessageSid).");
        }

        var channel = TwilioAddress.IsWhatsApp(from) ? ContactChannel.WhatsApp : ContactChannel.Sms;

        // Whether or not an open ticket took it, Twilio only needs to hear that nothing is to be answered.
        await inbox.CustomerWroteAsync(channel, TwilioAddress.Bare(from), form["Body"].ToString(), messageSid, cancellationToken);
        return TypedResults.Content(EmptyTwiml, "text/xml", Encoding.UTF8);
    }

    /// <summary>SendGrid's Event Webhook: a batch of events about the emails we sent.</summary>
    private static async Task<Results<Ok, ProblemHttpResult>> SendGridEventsAsync(
        HttpRequest request, SendGridWebhookVerifier signature, DeliveryReports reports, CancellationToken cancellationToken)
    {
        if (!signature.IsConfigured)
        {
            return Problems.WebhookNotConfigured("SendGrid", $"{SendGridOptions.Section}:{nameof(SendGridOptions.EventWebhookPublicKey)}");
        }

        var (body, problem) = await ReadBodyAsync(request, MaxSendGridBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!signature.IsValid(request.Headers[SendGridWebhookVerifier.TimestampHeader], body, request.Headers[SendGridWebhookVerifier.SignatureHeader]))
        {
            return Problems.InvalidWebhookSignature(SendGridWebhookVerifier.SignatureHeader);
        }

        if (!signature.IsFresh(request.Headers[SendGridWebhookVerifier.TimestampHeader]))
        {
            return Problems.StaleWebhook(SendGridWebhookVerifier.TimestampHeader);
        }

        JsonDocument events;
        try
        {
            events = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Problems.InvalidJson("SendGrid posts a JSON array of events.");
        }

        using (events)
        {
            if (events.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Problems.InvalidJson("SendGrid posts a JSON array of events.");
            }

            foreach (var item in events.RootElement.EnumerateArray())
            {
                await ApplySendGridEventAsync(item, reports, cancellationToken);
            }
        }

        return TypedResults.Ok();
    }

    private static async Task ApplySendGridEventAsync(JsonElement item, DeliveryReports reports, CancellationToken cancellationToken)
    {
        // Our custom_args come back as top-level fields; an event without them is about mail we did not send.
        if (Text(item, SendGridSender.NotificationArgument) is not { } key || Text(item, "event") is not { } name)
        {
            return;
        }

        NotificationStatus? means = name switch
        {
            "processed" => NotificationStatus.Sent,
            "delivered" => NotificationStatus.Delivered,
            "open" => NotificationStatus.Read,
            "bounce" or "dropped" => NotificationStatus.Failed,
            _ => null,
        };
        if (means is null && name != "deferred")
        {
            // Clicks, spam reports, unsubscribes: engagement, not delivery.
            return;
        }

        var ticket = Text(item, SendGridSender.TicketArgument);

        // A bounce's type tells a bounce from a block.
        var status = name == "bounce" && Text(item, "type") is { } type ? $"{name} ({type})" : name;
        var report = new DeliveryReport(SendGridSender.ProviderName, Text(item, "sg_message_id"), status, means, Text(item, "reason") ?? Text(item, "response"));
        if (!await reports.ApplyAsync(key, ticket, report, cancellationToken) && means == NotificationStatus.Failed && Text(item, "email") is { } email)
        {
            await reports.ReportUnmatchedFailureAsync(ticket, ContactChannel.Email, email, report, cancellationToken);
        }
    }

    private static NotificationStatus? TwilioStatusMeans(string status) => status switch
    {
        "accepted" or "scheduled" or "queued" or "sending" or "sent" => NotificationStatus.Sent,
        "delivered" => NotificationStatus.Delivered,
        "read" => NotificationStatus.Read,
        "failed" or "undelivered" => NotificationStatus.Failed,
        _ => null,
    };

    /// <summary>The form Twilio posted, once its X-Twilio-Signature matches the URL Twilio called and every parameter.</summary>
    private static async Task<(IFormCollection? Form, ProblemHttpResult? Problem)> ReadTwilioAsync(
        HttpRequest request, TwilioWebhookVerifier signature, NotificationOptions options, CancellationToken cancellationToken)
    {
        if (!signature.IsConfigured)
        {
            return (null, Problems.WebhookNotConfigured("Twilio", $"{TwilioOptions.Section}:{nameof(TwilioOptions.AuthToken)}"));
        }

        if (LimitBody(request, MaxTwilioBodyBytes) is { } tooLarge)
        {
            return (null, tooLarge);
        }

        IFormCollection form;
        try
        {
            form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.BodyTooLarge(MaxTwilioBodyBytes));
        }

        // A name Twilio repeated keeps its values joined by commas, as the SDK's own NameValueCollection overload does.
        var parameters = form.ToDictionary(field => field.Key, field => field.Value.ToString());
        return signature.IsValid(SignedUrl(request, options), parameters, request.Headers[TwilioWebhookVerifier.Header])
            ? (form, null)
            : (null, Problems.InvalidWebhookSignature(TwilioWebhookVerifier.Header));
    }

    /// <summary>
    /// The URL Twilio called, as it signed it: behind a proxy or the Functions host the request's own
    /// scheme and host may differ, so the configured public origin is used when there is one.
    /// </summary>
    private static string SignedUrl(HttpRequest request, NotificationOptions options) =>
        (options.PublicBaseUrl is { Length: > 0 } publicBase ? publicBase.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}")
        + request.Path + request.QueryString;

    private static async Task<(byte[] Body, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (LimitBody(request, maxBytes) is { } tooLarge)
        {
            return ([], tooLarge);
        }

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], Problems.BodyTooLarge(maxBytes));
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>Refuses a declared length over the limit, and makes the server stop reading past it otherwise.</summary>
    private static ProblemHttpResult? LimitBody(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return Problems.BodyTooLarge(maxBytes);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        return null;
    }

    private static string? Text(JsonElement item, string property) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
