namespace Lucine.Domain.Notifications;

/// <summary>
/// A message to a customer or to staff outside the chat, already rendered in the recipient's language.
/// <paramref name="Key"/> is unique and stable across retries: the same key is sent once.
/// </summary>
/// <param name="To">An E.164 phone number (WhatsApp, SMS) or an email address.</param>
/// <param name="Subject">The email subject; ignored by WhatsApp and SMS.</param>
public sealed record Notification(string Key, ContactChannel Channel, string To, string Subject, string Text, Language Language)
{
    /// <summary>The ticket it is about, if any: inbound replies and delivery failures are traced back to it.</summary>
    public string? Ticket { get; init; }

    /// <summary>
    /// WhatsApp only: the customer has not written to us in the last 24 hours, so free text is not
    /// allowed and the approved template must be used instead.
    /// </summary>
    public bool OutsideWhatsAppWindow { get; init; }

    /// <summary>Named values the WhatsApp template's variables are filled from (ticket_number, customer_name, text, link…).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
}
