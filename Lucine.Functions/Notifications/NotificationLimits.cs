using System.Text.Json;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Notifications;

/// <summary>What a notification must be to be stored: a key, a recipient, and texts that fit a table row.</summary>
public static class NotificationLimits
{
    public const int MaxKeyLength = 200;
    public const int MaxTicketLength = 100;

    /// <summary>Table Storage keeps at most 32K characters in a property.</summary>
    public const int MaxTextLength = 32_000;

    /// <summary>Throws <see cref="ArgumentException"/>, before anything is stored, for a notification that cannot be.</summary>
    public static void Check(Notification notification)
    {
        if (string.IsNullOrWhiteSpace(notification.Key) || notification.Key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A notification key must have 1 to {MaxKeyLength} characters; \"{notification.Key}\" does not.", nameof(notification));
        }

        if (string.IsNullOrWhiteSpace(notification.To))
        {
            throw new ArgumentException($"Notification {notification.Key} has no recipient.", nameof(notification));
        }

        if (notification.Ticket is { } ticket && (ticket.Length == 0 || ticket.Length > MaxTicketLength))
        {
            throw new ArgumentException($"Notification {notification.Key}: a ticket id must have 1 to {MaxTicketLength} characters.", nameof(notification));
        }

        if (notification.Text.Length > MaxTextLength || notification.Subject.Length > MaxTextLength
            || JsonSerializer.Serialize(notification.Fields, Wire.Json).Length > MaxTextLength)
        {
            throw new ArgumentException($"Notification {notification.Key}: its text, subject and fields must each fit in {MaxTextLength} characters.", nameof(notification));
        }
    }
}
