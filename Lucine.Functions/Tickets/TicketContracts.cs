using Lucine.Functions.Chat;
using Lucine.Functions.Notifications;
using Lucine.Functions.Satisfaction;

namespace Lucine.Functions.Tickets;

/// <summary>
/// A new ticket. Public API: name, contact, message (and optionally the conversation it comes from,
/// with its session token). Operators: name, contact, subject, optionally description, priority and
/// the chat it comes from. <see cref="Channel"/> picks SMS instead of WhatsApp for a phone number.
/// </summary>
public sealed record CreateTicketRequest(
    string? Name,
    string? Contact,
    ContactChannel? Channel,
    string? Subject,
    string? Message,
    string? Description,
    TicketPriority? Priority,
    string? Language,
    string? SessionId,
    string? SessionToken);

public sealed record TicketCreatedResponse(string Number, TicketStatus Status, string AccessCode);

public sealed record EditTicketRequest(string? Subject, string? Description, TicketPriority? Priority);

public sealed record AssignTicketRequest(string? Assignee);

public sealed record TicketNoteRequest(string? Text, bool Public);

public sealed record TicketReplyRequest(string? Text);

public sealed record TicketStatusRequest(TicketStatus? Status);

public sealed record ResumeRequest(string? Token);

/// <summary>The conversation to reopen: the widget keeps these credentials and reads its messages as after a reload.</summary>
public sealed record ResumeResponse(string SessionId, string SessionToken, string Ticket, Lucine.Domain.Sessions.SessionStatus Status);

public sealed record ContactDto(string Name, ContactChannel Channel, string Address);

public sealed record SlaClockDto(SlaState State, DateTimeOffset WarnAt, DateTimeOffset DueAt, DateTimeOffset? EndedAt)
{
    public static SlaClockDto From(SlaClock clock) => new(clock.State, clock.WarnAt, clock.DueAt, clock.EndedAt);
}

public sealed record TicketEntryDto(long Sequence, TicketEntryKind Kind, string Author, string Text, DateTimeOffset At, AttachmentDto? Attachment = null)
{
    public static TicketEntryDto From(TicketEntry entry) => new(entry.Sequence, entry.Kind, entry.Author, entry.Text, entry.At, AttachmentDto.From(entry.Attachment));
}

/// <summary>A ticket as operators see it: everything, with its history and the conversation it came from.</summary>
public sealed record TicketDto(
    string Number,
    TicketStatus Status,
    IReadOnlyList<TicketStatus> NextStatuses,
    TicketPriority Priority,
    SlaState Sla,
    string Subject,
    string Description,
    ContactDto Contact,
    string Language,
    TicketSource Source,
    string? Assignee,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    SlaClockDto FirstResponse,
    SlaClockDto Resolution,
    string? Undeliverable,
    string? SessionId,
    IReadOnlyList<TicketEntryDto> Entries,
    IReadOnlyList<MessageDto> Transcript,
    IReadOnlyList<TicketNotificationDto> Notifications)
{
    /// <summary>The customer's rating of the resolution, if they gave one.</summary>
    public RatingDto? Rating { get; init; }

    public static TicketDto From(
        TicketState state, IReadOnlyList<TicketEntry> entries, IReadOnlyList<MessageDto> transcript, IReadOnlyList<TicketNotificationDto> notifications) => new(
        state.Number.ToString(), state.Status, TicketWorkflow.NextStatuses(state.Status), state.Priority, state.Sla, state.Subject, state.Description,
        new ContactDto(state.Contact.Name, state.Contact.Channel, state.Contact.Address), state.Language.Code(), state.Source, state.Assignee,
        state.CreatedAt, state.UpdatedAt, SlaClockDto.From(state.FirstResponse), SlaClockDto.From(state.Resolution), state.Undeliverable,
        state.Session?.Value, entries.Select(TicketEntryDto.From).ToList(), transcript, notifications)
    {
        Rating = RatingDto.From(state.Rating),
    };
}

/// <summary>A message sent to the customer (or the supervisors) about the ticket, with every delivery attempt.</summary>
public sealed record TicketNotificationDto(
    string Key,
    ContactChannel Channel,
    string To,
    string Text,
    NotificationStatus Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? NextAttemptAt,
    string? Provider,
    string? ProviderMessageId,
    IReadOnlyList<DeliveryAttempt> Attempts)
{
    public static TicketNotificationDto From(NotificationRecord record) => new(
        record.Notification.Key, record.Notification.Channel, record.Notification.To, record.Notification.Text, record.Status, record.QueuedAt,
        record.NextAttemptAt, record.Provider, record.ProviderMessageId, record.Attempts);
}

public sealed record TicketListResponse(IReadOnlyList<TicketSummary> Items, string? Next);

/// <summary>What the customer sees: the status and the staff's public answers, nothing internal.</summary>
public sealed record CustomerTicketDto(string Number, TicketStatus Status, string Subject, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<CustomerTicketEntryDto> Replies);

public sealed record CustomerTicketEntryDto(TicketEntryKind Kind, string Text, DateTimeOffset At, AttachmentDto? Attachment = null)
{
    public static CustomerTicketEntryDto From(TicketEntry entry) => new(entry.Kind, entry.Text, entry.At, AttachmentDto.From(entry.Attachment));
}
