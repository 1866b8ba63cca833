using Lucine.Functions.Notifications;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>What the providers' webhooks report, turned into ticket inputs.</summary>
public sealed class TicketInbox(TicketDesk desk, TicketIndex index, IOptions<TicketOptions> options) : ITicketInbox
{
    /// <summary>
    /// Appends the message to the customer's newest open ticket; with none, it opens one, so that no
    /// message is left unanswered. A webhook delivered twice (the provider retries on a slow answer)
    /// counts once: its message id is written with the decision.
    /// </summary>
    public async Task<bool> CustomerWroteAsync(ContactChannel channel, string from, string text, string providerMessageId, CancellationToken cancellationToken)
    {
        var marker = "inbound:" + providerMessageId;
        if (await index.OpenTicketOfAsync(from, cancellationToken) is { } number)
        {
            var run = await desk.ApplyAsync(number, new CustomerWrote(channel, text), cancellationToken, marker);
            return run.Rejection is not { Kind: RejectionKind.NotFound };
        }

        var message = text.Trim().Length > 0 ? text.Trim() : "(messaggio vuoto)";
        await desk.OpenAsync(new TicketDraft(
            await desk.ReserveNumberAsync(cancellationToken), new CustomerContact(from, channel, from), Domain.Language.Italian, TicketPriority.Medium,
            TicketSource.Message, TicketDraft.SubjectFrom(message, options.Value.MaxSubjectLength), message, null, 0), cancellationToken, marker);
        return true;
    }

    public async Task ContactUndeliverableAsync(string? ticket, ContactChannel channel, string address, string reason, CancellationToken cancellationToken)
    {
        var number = TicketNumber.TryParse(ticket, out var known) ? known : await index.OpenTicketOfAsync(address, cancellationToken);
        if (number is { } target)
        {
            // Already marked for the same reason: the ticket says so and nothing changes.
            await desk.ApplyAsync(target, new ContactFailed(reason), cancellationToken);
        }
    }
}
