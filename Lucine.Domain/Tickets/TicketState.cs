namespace Lucine.Domain.Tickets;

/// <summary>Who the customer is and where the answer goes.</summary>
/// <param name="Address">An E.164 number (WhatsApp, SMS) or a normalized email address.</param>
public sealed record CustomerContact(string Name, ContactChannel Channel, string Address);

/// <summary>Where a ticket came from.</summary>
public enum TicketSource
{
    /// <summary>The assistant collected the contact in the chat.</summary>
    Chat,

    /// <summary>An operator opened it, from a chat or on a customer's behalf.</summary>
    Operator,

    /// <summary>The public tickets API (a contact form).</summary>
    Api,

    /// <summary>The customer wrote to us on WhatsApp or SMS with no open ticket.</summary>
    Message,
}

public enum SlaState
{
    Active,

    /// <summary>Most of the time is gone (80 % by default): the assignee was alerted.</summary>
    Warning,
    Breached,
    Met,
}

/// <summary>
/// One promise of the SLA (first response, or resolution): when it started, when to warn, when it
/// is broken, and how it ended. Met or breached stays as it is, for the reports.
/// </summary>
public sealed record SlaClock(DateTimeOffset Start, DateTimeOffset WarnAt, DateTimeOffset DueAt, SlaState State)
{
    public DateTimeOffset? EndedAt { get; init; }

    public bool IsRunning => State is SlaState.Active or SlaState.Warning;

    /// <summary>The next moment this promise needs a look: the warning, then the breach.</summary>
    public DateTimeOffset? NextCheck => State switch
    {
        SlaState.Active => WarnAt,
        SlaState.Warning => DueAt,
        _ => null,
    };

    public static SlaClock Started(SlaWindow window) => new(window.Start, window.WarnAt, window.DueAt, SlaState.Active);
}

/// <summary>What is needed to open a ticket, wherever the request came from.</summary>
/// <param name="Session">The conversation it came from; its messages up to <paramref name="TranscriptTo"/> are the transcript.</param>
public sealed record TicketDraft(
    TicketNumber Number,
    CustomerContact Contact,
    Language Language,
    TicketPriority Priority,
    TicketSource Source,
    string Subject,
    string Description,
    SessionId? Session,
    long TranscriptTo,
    string? OpenedBy = null)
{
    /// <summary>A subject made from the customer's own words: one line, cut at <paramref name="maxLength"/> with an ellipsis.</summary>
    public static string SubjectFrom(string text, int maxLength)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= maxLength ? line : line[..(maxLength - 1)].TrimEnd() + "…";
    }
}

/// <summary>
/// A ticket. Its entries (notes, replies, customer messages, events) are appended, numbered after
/// <see cref="LastSequence"/>, like a session's messages.
/// </summary>
public sealed record TicketState(
    TicketNumber Number,
    TicketStatus Status,
    TicketPriority Priority,
    string Subject,
    string Description,
    CustomerContact Contact,
    Language Language,
    TicketSource Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long LastSequence,
    SlaClock FirstResponse,
    SlaClock Resolution)
{
    public string? Assignee { get; init; }

    public SessionId? Session { get; init; }

    /// <summary>The last message of the conversation that is part of the ticket.</summary>
    public long TranscriptTo { get; init; }

    /// <summary>The customer's last message to us on this ticket: WhatsApp allows free text for 24 hours after it.</summary>
    public DateTimeOffset? LastCustomerMessageAt { get; init; }

    /// <summary>A message to the contact bounced or failed for good; set until the contact is changed.</summary>
    public string? Undeliverable { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Who resolved it (while <see cref="ResolvedAt"/> is set): the operator a rating of the ticket counts for.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>The customer's rating of the resolution.</summary>
    public SatisfactionRating? Rating { get; init; }

    /// <summary>The attachments the ticket has received (customer's and staff's): its budget and rate.</summary>
    public AttachmentBudget? Attachments { get; init; }

    public bool IsOpen => Status != TicketStatus.Closed;

    /// <summary>The state of the ticket's promises taken together: the worst of the running ones, else how they ended.</summary>
    public SlaState Sla => new[] { FirstResponse.State, Resolution.State } switch
    {
        var states when states.Contains(SlaState.Breached) => SlaState.Breached,
        var states when states.Contains(SlaState.Warning) => SlaState.Warning,
        var states when states.Contains(SlaState.Active) => SlaState.Active,
        _ => SlaState.Met,
    };
}

public enum TicketEntryKind
{
    /// <summary>For the staff only.</summary>
    InternalNote,

    /// <summary>A note the customer is sent and can read.</summary>
    PublicNote,

    /// <summary>An answer to the customer.</summary>
    Reply,

    /// <summary>What the customer wrote to us (WhatsApp, SMS).</summary>
    CustomerMessage,

    /// <summary>Something that happened: status, assignment, priority, SLA, delivery problems.</summary>
    Event,
}

/// <summary>One line of a ticket's history.</summary>
/// <param name="Attachment">The file the entry carries; its <paramref name="Text"/> is then the caption (may be empty).</param>
public sealed record TicketEntry(long Sequence, TicketEntryKind Kind, string Author, string Text, DateTimeOffset At, Attachment? Attachment = null)
{
    /// <summary>What the customer sees of the ticket: the staff's answers and public notes.</summary>
    public bool IsPublic => Kind is TicketEntryKind.PublicNote or TicketEntryKind.Reply;

    /// <summary>What the customer's ticket page shows: the public entries, and the files they sent themselves.</summary>
    public bool IsShownToCustomer => IsPublic || (Kind == TicketEntryKind.CustomerMessage && Attachment is not null);
}
