namespace Lucine.Functions.Notifications;

/// <summary>Twilio's channel addresses: WhatsApp numbers carry a "whatsapp:" prefix, SMS numbers none.</summary>
public static class TwilioAddress
{
    public const string WhatsAppPrefix = "whatsapp:";

    public static string WhatsApp(string number) =>
        number.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? number : WhatsAppPrefix + number;

    public static bool IsWhatsApp(string address) => address.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase);

    public static string Bare(string address) => IsWhatsApp(address) ? address[WhatsAppPrefix.Length..] : address;
}
