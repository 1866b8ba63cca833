using System.Collections.Concurrent;
using Lucine.Functions.Notifications;

namespace Lucine.Functions.Tests.Notifications;

public sealed record CustomerMessage(ContactChannel Channel, string From, string Text, string ProviderMessageId);

public sealed record UndeliverableContact(string? Ticket, ContactChannel Channel, string Address, string Reason);

/// <summary>The tickets' side of the webhooks, as the tests see it: every call recorded.</summary>
public sealed class RecordingInbox : ITicketInbox
{
    private readonly ConcurrentQueue<CustomerMessage> messages = new();
    private readonly ConcurrentQueue<UndeliverableContact> undeliverable = new();

    /// <summary>What <see cref="CustomerWroteAsync"/> answers: whether the customer has an open ticket.</summary>
    public bool HasOpenTicket { get; set; } = true;

    public IReadOnlyList<CustomerMessage> Messages => [.. messages];

    public IReadOnlyList<UndeliverableContact> Undeliverable => [.. undeliverable];

    public Task<bool> CustomerWroteAsync(ContactChannel channel, string from, string text, string providerMessageId, CancellationToken cancellationToken)
    {
        messages.Enqueue(new CustomerMessage(channel, from, text, providerMessageId));
        return Task.FromResult(HasOpenTicket);
    }

    public Task ContactUndeliverableAsync(string? ticket, ContactChannel channel, string address, string reason, CancellationToken cancellationToken)
    {
        undeliverable.Enqueue(new UndeliverableContact(ticket, channel, address, reason));
        return Task.CompletedTask;
    }
}
