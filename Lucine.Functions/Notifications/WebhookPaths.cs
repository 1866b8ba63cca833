namespace Lucine.Functions.Notifications;

/// <summary>Where the providers call us; the endpoints are mapped at these paths and the senders point the providers to them.</summary>
public static class WebhookPaths
{
    public const string TwilioStatus = "/api/webhooks/twilio/status";
    public const string TwilioInbound = "/api/webhooks/twilio/inbound";
    public const string SendGridEvents = "/api/webhooks/sendgrid/events";
}
