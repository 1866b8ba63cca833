namespace Lucine.Domain.Tickets;

/// <summary>
/// The ticket rules the owners configure: the SLA, the park's time zone (where due times are told to
/// customers), how long a resolved ticket stays open to a reply, and Meta's WhatsApp free-text window.
/// </summary>
public sealed record TicketRules(SlaPolicy Sla, TimeZoneInfo Zone)
{
    public TimeSpan AutoCloseAfter { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan WhatsAppWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How urgent a ticket opened for this reason is: a visitor who waited in vain comes first.</summary>
    public static TicketPriority PriorityFor(TicketReason reason) => reason == TicketReason.QueueTimeout ? TicketPriority.High : TicketPriority.Medium;

    /// <summary>When the first answer is promised for a ticket opened now.</summary>
    public DateTimeOffset FirstResponseDue(TicketPriority priority, DateTimeOffset now) => Sla.Window(now, Sla.For(priority).FirstResponse).DueAt;
}

/// <summary>Why a conversation is becoming a ticket.</summary>
public enum TicketReason
{
    /// <summary>The visitor asked for one.</summary>
    VisitorRequest,

    /// <summary>The visitor asked for a person and nobody was online.</summary>
    NobodyOnline,

    /// <summary>The visitor waited in the queue too long.</summary>
    QueueTimeout,

    /// <summary>The operator in charge turned the chat into a ticket.</summary>
    Operator,
}
