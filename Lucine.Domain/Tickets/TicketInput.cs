namespace Lucine.Domain.Tickets;

/// <summary>Something that happened to a ticket.</summary>
public abstract record TicketInput;

/// <summary>
/// Open this ticket, under the number reserved for it, with the customer's keys to it. Opening a
/// number that exists changes nothing, so the chat's outbox may hand the same ticket over twice.
/// </summary>
public sealed record TicketOpens(TicketDraft Draft, TicketLinks Links) : TicketInput;

/// <summary>A member of staff acting on a ticket; <paramref name="Actor"/> is their username.</summary>
public abstract record StaffTicketInput(string Actor) : TicketInput;

/// <summary>Subject, description or priority changed; null fields stay as they are.</summary>
public sealed record TicketEdited(string Actor, string? Subject, string? Description, TicketPriority? Priority) : StaffTicketInput(Actor);

/// <summary><paramref name="Assignee"/> null: nobody.</summary>
/// <param name="Supervising">A supervisor or admin: may take a ticket away from whoever holds it.</param>
public sealed record TicketAssigned(string Actor, string? Assignee, bool Supervising = false) : StaffTicketInput(Actor);

/// <summary>A note: internal, or public (sent to the customer like a reply).</summary>
public sealed record TicketNoted(string Actor, string Text, bool Public) : StaffTicketInput(Actor);

public sealed record TicketReplied(string Actor, string Text) : StaffTicketInput(Actor);

/// <summary>Staff sent the customer a file (already stored under its id), with an optional <paramref name="Caption"/>: a reply that carries it.</summary>
public sealed record StaffAttaches(string Actor, Attachment Attachment, string Caption) : StaffTicketInput(Actor);

public sealed record TicketStatusSet(string Actor, TicketStatus Status) : StaffTicketInput(Actor)
{
    /// <summary>The page where the customer rates the resolution (the host signs it): linked in the message that tells them it is resolved.</summary>
    public string? RatingUrl { get; init; }
}

/// <summary>The customer wrote to us on their channel.</summary>
public sealed record CustomerWrote(ContactChannel Channel, string Text) : TicketInput;

/// <summary>The customer sent a file on the ticket's page (already stored under its id), with an optional <paramref name="Caption"/>.</summary>
public sealed record CustomerAttaches(Attachment Attachment, string Caption) : TicketInput;

/// <summary>The customer rated the resolution (see <see cref="SatisfactionRules"/>).</summary>
public sealed record CustomerRates(RatingGiven Rating) : TicketInput;

/// <summary>A message to the customer could not be delivered, for good.</summary>
public sealed record ContactFailed(string Reason) : TicketInput;

/// <summary>
/// A ticket's time may have come (an SLA warning or breach, the automatic close). Delivered by the
/// sweep, possibly late or twice: the workflow checks against the state.
/// </summary>
public sealed record TicketTimeReached : TicketInput;

/// <summary>What a ticket decision produced; a rejected input changes nothing. A ticket never needs anything from outside to decide.</summary>
public sealed record TicketDecision(TicketState State, IReadOnlyList<TicketEntry> Entries, IReadOnlyList<Effect> Effects) : IDecision<TicketState>
{
    public Rejection? Rejection { get; init; }

    public Need? Need => null;

    public bool IsNoChange => Rejection is not null || (Entries.Count == 0 && Effects.Count == 0);
}

/// <summary>Send the customer a message on their channel.</summary>
public sealed record NotifyCustomer(Notification Notification) : Effect;

/// <summary>
/// Warn the staff: <paramref name="Username"/> on their screen (the assignee), or every operator's
/// screen when null; <paramref name="EmailSubject"/> and <paramref name="EmailText"/>, when set, also go by
/// email to the supervisors' alert addresses.
/// </summary>
public sealed record AlertStaff(string? Username, string Alert, string? EmailSubject = null, string? EmailText = null) : Effect;

/// <summary>The ticket changed: keep the operators' list and screens in step.</summary>
public sealed record TicketChanged(TicketState State, IReadOnlyList<TicketEntry> Entries) : Effect;

public static class TicketAlerts
{
    public const string SlaWarning = "sla_warning";
    public const string SlaBreached = "sla_breached";
    public const string CustomerWrote = "customer_wrote";
    public const string ContactUndeliverable = "contact_undeliverable";
    public const string Assigned = "ticket_assigned";
}
