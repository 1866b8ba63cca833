namespace Lucine.Domain.Tickets;

/// <summary>How urgent a ticket is; each level has its own SLA targets.</summary>
public enum TicketPriority
{
    Low,
    Medium,
    High,
    Urgent,
}

/// <summary>Where a ticket stands, from opening to closing.</summary>
public enum TicketStatus
{
    Open,
    InProgress,

    /// <summary>The staff asked the customer something and waits for the answer.</summary>
    WaitingCustomer,
    Resolved,
    Closed,
}

/// <summary>How a customer is reached outside the chat.</summary>
public enum ContactChannel
{
    Email,
    WhatsApp,
    Sms,
}
