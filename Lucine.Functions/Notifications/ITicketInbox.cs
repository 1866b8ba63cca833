namespace Lucine.Functions.Notifications;

/// <summary>What the provider webhooks report that tickets must know about.</summary>
public interface ITicketInbox
{
    /// <summary>A customer wrote to us on WhatsApp or SMS. False: no open ticket of theirs to append it to.</summary>
    Task<bool> CustomerWroteAsync(ContactChannel channel, string from, string text, string providerMessageId, CancellationToken cancellationToken);

    /// <summary>
    /// A message could not be delivered (bounce, dropped, failed, undelivered): the contact is marked
    /// undeliverable and the assignee alerted. <paramref name="ticket"/> when the provider echoed it back.
    /// </summary>
    Task ContactUndeliverableAsync(string? ticket, ContactChannel channel, string address, string reason, CancellationToken cancellationToken);
}
