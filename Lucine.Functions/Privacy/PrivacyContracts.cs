using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Lucine.Functions.Notifications;

namespace Lucine.Functions.Privacy;

/// <summary>Whom an export or an erasure is about: exactly one of the four.</summary>
public sealed record PrivacyRequest(string? Email, string? Phone, string? Ticket, string? Session);

/// <summary>A checked selector: its kind (email, phone, ticket, session) and its normalized value.</summary>
public sealed record PrivacySubject(string Kind, string Value)
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Ticket = "ticket";
    public const string Session = "session";
}

/// <summary>Everything Lucine keeps about a customer, as the export gives it.</summary>
public sealed record CustomerExport(
    PrivacySubject Subject,
    DateTimeOffset ExportedAt,
    IReadOnlyList<ConversationExport> Conversations,
    IReadOnlyList<TicketExport> Tickets,
    IReadOnlyList<AttachmentExport> Attachments,
    string Notes);

/// <summary>A file the customer or the staff sent, by its metadata: where (<c>session:&lt;id&gt;</c> or <c>ticket:&lt;number&gt;</c>), what and when; never its bytes.</summary>
public sealed record AttachmentExport(string Of, string Id, string Name, string Type, long Size, string From, DateTimeOffset At);

public sealed record ConversationExport(
    string SessionId,
    SessionStatus Status,
    SessionOutcome? Outcome,
    string? Language,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt,
    ContactDraft? Contact,
    VisitorContext? Context,
    string? Ticket,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<SessionNote> Notes,
    SatisfactionRating? Rating);

public sealed record TicketExport(TicketState Ticket, IReadOnlyList<TicketEntry> Entries, IReadOnlyList<NotificationExport> Notifications);

public sealed record NotificationExport(
    ContactChannel Channel, string To, string Subject, string Text, NotificationStatus Status, DateTimeOffset QueuedAt, IReadOnlyList<DeliveryAttempt> Attempts);

/// <summary>An erasure as its job row holds it: what was found, how far it got.</summary>
public sealed record ErasureJob(
    string Id,
    string SubjectKind,
    string SubjectKey,
    IReadOnlyList<string> Items,
    int Done,
    ErasureStatus Status,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);

public enum ErasureStatus
{
    /// <summary>Found and started; a run cut short is resumed by the next request for the subject or the retention timer.</summary>
    Running,
    Completed,
}

/// <summary>An erasure as the API shows it.</summary>
public sealed record ErasureResponse(
    string Id, string Subject, ErasureStatus Status, int Sessions, int Tickets, int Done, int Total, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static ErasureResponse From(ErasureJob job)
    {
        var items = job.Items.Select(ErasureItem.Parse).ToList();
        return new(
            job.Id,
            job.SubjectKind,
            job.Status,
            items.Count(i => i.Kind == ErasureItem.Session),
            items.Count(i => i.Kind == ErasureItem.Ticket),
            job.Done,
            items.Count,
            job.RequestedBy,
            job.CreatedAt,
            job.CompletedAt);
    }
}

/// <summary>The widget's settings from the server: the privacy notice it links to, if any, and its colours.</summary>
public sealed record WidgetSettings(string? PrivacyUrl, WidgetThemeSettings Theme)
{
    public static WidgetSettings From(WidgetOptions widget) => new(widget.PrivacyUrl, new(widget.Theme.Accent, widget.Theme.AccentText));
}

/// <summary>Colours written #rrggbb, checked at start for contrast.</summary>
public sealed record WidgetThemeSettings(string Accent, string AccentText);
