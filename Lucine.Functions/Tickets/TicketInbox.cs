using Lucine.Domain.Tickets;
using Lucine.Functions.Notifications;

namespace Lucine.Functions.Tickets;

/// <summary>What the providers' webhooks report, turned into ticket inputs.</summary>
public sealed class TicketInbox(TicketDesk desk, TicketIndex index) : ITicketInbox
{
    public async Task<bool> CustomerWroteAsync(ContactChannel channel, string from, string text, string providerMessageId, CancellationToken cancellationToken)
    {
        if (await index.OpenTicketOfAsync(from, cancellationToken) is not { } number)
        {
            return false;
        }

        // A webhook delivered twice (the provider retries on a slow answer) appends the message once.
        var decision = await desk.ApplyAsync(number, (_, _) => Task.FromResult<TicketInput?>(new CustomerWrote(channel, text)), cancellationToken, "inbound:" + providerMessageId);
        return decision is not null;
    }

    public async Task ContactUndeliverableAsync(string? ticket, ContactChannel channel, string address, string reason, CancellationToken cancellationToken)
    {
        var number = TicketNumber.TryParse(ticket, out var known) ? known : await index.OpenTicketOfAsync(address, cancellationToken);
        if (number is { } target)
        {
            // Already marked for the same reason: the ticket says so and nothing changes.
            await desk.ApplyAsync(target, (_, _) => Task.FromResult<TicketInput?>(new ContactFailed(reason)), cancellationToken);
        }
    }
}
