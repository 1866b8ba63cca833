namespace Lucine.Domain.Tickets;

/// <summary>Rules about <see cref="TicketPriority"/> itself.</summary>
public static class TicketPriorities
{
    /// <summary>One level more urgent; <see cref="TicketPriority.Urgent"/> is as high as it goes.</summary>
    public static TicketPriority Raise(TicketPriority priority) =>
        priority == TicketPriority.Urgent ? TicketPriority.Urgent : priority + 1;
}
