using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Lucine.Functions.Notifications;
using Lucine.Functions.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Privacy;

/// <summary>The sessions and tickets that hold a customer's data.</summary>
public sealed record CustomerFootprint(IReadOnlyList<SessionId> Sessions, IReadOnlyList<TicketNumber> Tickets)
{
    public IReadOnlyList<ErasureItem> Items =>
        // Chats first: what the assistant said back to a customer is recognised by the ticket's contact, erased after.
        [.. Sessions.Select(s => new ErasureItem(ErasureItem.Session, s.Value)), .. Tickets.Select(t => new ErasureItem(ErasureItem.Ticket, t.ToString()))];
}

/// <summary>
/// Finds what Lucine keeps about a customer, through the indexes it already has: tickets by contact
/// (<c>TicketIndex</c>, one partition per address), a ticket's chat (<c>TicketState.Session</c>), a chat's
/// ticket (<c>SessionState.Ticket</c>). A chat that never became a ticket holds no contact to find it by:
/// it is found by its session id.
/// </summary>
public sealed class CustomerRecords(ISessionStore sessions, TicketStore tickets, TicketIndex ticketIndex, NotificationStore notifications, IOptions<ChatOptions> chat, TimeProvider clock)
{
    /// <summary>The selector checked and normalized, or the 400 that says what is wrong with it.</summary>
    public static (PrivacySubject? Subject, ProblemHttpResult? Problem) Check(PrivacyRequest? request)
    {
        var given = new[] { request?.Email, request?.Phone, request?.Ticket, request?.Session }.Count(v => v is not null);
        if (request is null || given != 1)
        {
            return (null, Problems.Invalid("invalid-privacy-subject", "Say whom", "Send exactly one of 'email', 'phone', 'ticket' or 'session'."));
        }

        if (request.Email is { } email)
        {
            return EmailAddresses.TryNormalize(email, out var normalized)
                ? (new PrivacySubject(PrivacySubject.Email, normalized), null)
                : (null, Problems.Invalid("invalid-privacy-subject", "Invalid email address", "'email' must be an email address."));
        }

        if (request.Phone is { } phone)
        {
            return PhoneNumbers.TryNormalize(phone, out var normalized)
                ? (new PrivacySubject(PrivacySubject.Phone, normalized), null)
                : (null, Problems.Invalid("invalid-privacy-subject", "Invalid phone number", "'phone' must be a phone number in international form (+39…)."));
        }

        if (request.Ticket is { } ticket)
        {
            return TicketNumber.TryParse(ticket, out var number) ? (new PrivacySubject(PrivacySubject.Ticket, number.ToString()), null) : (null, Problems.InvalidTicketNumber());
        }

        return SessionId.TryParse(request.Session, out var id)
            ? (new PrivacySubject(PrivacySubject.Session, id.Value), null)
            : (null, Problems.Invalid("invalid-privacy-subject", "Invalid session id", "'session' must be a session id as the chat API gives it."));
    }

    public async Task<CustomerFootprint> FindAsync(PrivacySubject subject, CancellationToken cancellationToken)
    {
        var found = new List<TicketNumber>();
        var chats = new List<SessionId>();
        switch (subject.Kind)
        {
            case PrivacySubject.Email or PrivacySubject.Phone:
                found.AddRange(await ticketIndex.TicketsOfAsync(subject.Value, cancellationToken));
                break;
            case PrivacySubject.Ticket:
                found.Add(TicketNumber.Parse(subject.Value));
                break;
            default:
                var id = SessionId.Parse(subject.Value);
                if (await sessions.ReadStateAsync(id, cancellationToken) is { } session)
                {
                    chats.Add(id);
                    if (session.Ticket is { } linked)
                    {
                        found.Add(linked);
                    }
                }

                break;
        }

        var existing = new List<TicketNumber>();
        foreach (var number in found.Distinct())
        {
            if (await tickets.ReadStateAsync(number, cancellationToken) is { } state)
            {
                existing.Add(number);
                if (state.Session is { } from && !chats.Contains(from))
                {
                    chats.Add(from);
                }
            }
        }

        return new CustomerFootprint(chats, existing);
    }

    public async Task<CustomerExport> ExportAsync(PrivacySubject subject, CustomerFootprint footprint, CancellationToken cancellationToken)
    {
        var conversations = new List<ConversationExport>();
        foreach (var id in footprint.Sessions)
        {
            if (await sessions.ReadAllMessagesAsync(id, chat.Value.MaxPageSize, cancellationToken) is { } transcript)
            {
                var s = transcript.State;
                conversations.Add(new ConversationExport(
                    id.Value, s.Status, s.Outcome, s.Language?.Code(), s.StartedAt, s.LastActivityAt, s.Contact, s.Context, s.Ticket?.ToString(),
                    transcript.Messages, await sessions.ReadNotesAsync(id, cancellationToken), s.Rating));
            }
        }

        var ticketExports = new List<TicketExport>();
        foreach (var number in footprint.Tickets)
        {
            if (await tickets.ReadStateAsync(number, cancellationToken) is { } state)
            {
                var sent = await notifications.ListForTicketAsync(number.ToString(), cancellationToken);
                ticketExports.Add(new TicketExport(
                    state,
                    await tickets.ReadEntriesAsync(number, cancellationToken),
                    [.. sent.Select(r => new NotificationExport(r.Notification.Channel, r.Notification.To, r.Notification.Subject, r.Notification.Text, r.Status, r.QueuedAt, r.Attempts))]));
            }
        }

        List<AttachmentExport> attachments =
        [
            .. conversations.SelectMany(c => c.Messages.Where(m => m.Attachment is not null).Select(m =>
                new AttachmentExport($"session:{c.SessionId}", m.Attachment!.Id, m.Attachment.Name, m.Attachment.Type, m.Attachment.Size, Wire.Name(m.Sender), m.At))),
            .. ticketExports.SelectMany(t => t.Entries.Where(e => e.Attachment is not null).Select(e =>
                new AttachmentExport($"ticket:{t.Ticket.Number}", e.Attachment!.Id, e.Attachment.Name, e.Attachment.Type, e.Attachment.Size, Wire.Name(e.Kind), e.At))),
        ];
        return new CustomerExport(
            subject, clock.GetUtcNow(), conversations, ticketExports, attachments,
            "Attachments are listed by their metadata (name, type, size, when); their bytes are not part of the export and are read through the conversation or the ticket. " +
            "Analytics events hold no personal fields (event type, time, session or ticket id) and are not part of an export.");
    }
}
