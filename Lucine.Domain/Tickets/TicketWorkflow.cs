using System.Globalization;

namespace Lucine.Domain.Tickets;

/// <summary>Secrets the host derives from a ticket number, for the customer's confirmation.</summary>
/// <param name="AccessCode">Lets the customer read the ticket (GET /api/tickets/{number}).</param>
/// <param name="ResumeUrl">Reopens the conversation in the widget; null when there is no conversation.</param>
public sealed record TicketLinks(string AccessCode, string? ResumeUrl);

/// <summary>
/// The life of a ticket: which status changes are allowed, what the customer is told and when, and
/// what the SLA promises. Pure and deterministic, like the session workflow: the host loads, decides,
/// commits atomically and carries out the effects.
/// </summary>
/// <remarks>One type in several files: the staff's actions, the customer's, the SLA's clock, and the turn they share.</remarks>
public sealed partial class TicketWorkflow(KnowledgeBase knowledge, TicketRules rules, AttachmentPolicy? attachments = null)
{
    private readonly AttachmentPolicy attachments = attachments ?? AttachmentPolicy.Default;

    /// <summary>Who moves a ticket when the customer writes, and when Lucine closes it by itself: not staff.</summary>
    private const string CustomerActor = "customer";
    private const string SystemActor = "lucine";

    private readonly KnowledgeBase knowledge = knowledge;

    /// <summary>The status changes staff may make (reopening by the customer's own message is the workflow's).</summary>
    private static readonly IReadOnlyDictionary<TicketStatus, TicketStatus[]> Allowed = new Dictionary<TicketStatus, TicketStatus[]>
    {
        [TicketStatus.Open] = [TicketStatus.InProgress, TicketStatus.WaitingCustomer, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.InProgress] = [TicketStatus.WaitingCustomer, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.WaitingCustomer] = [TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.Resolved] = [TicketStatus.InProgress, TicketStatus.Closed],
        [TicketStatus.Closed] = [],
    };

    public TicketRules Rules { get; } = rules;

    public static bool CanMove(TicketStatus from, TicketStatus to) => Allowed[from].Contains(to);

    /// <summary>Where staff may move a ticket from this status (the dashboard offers exactly these).</summary>
    public static IReadOnlyList<TicketStatus> NextStatuses(TicketStatus from) => Allowed[from];

    public TicketDecision Open(TicketDraft draft, TicketLinks links, DateTimeOffset now)
    {
        var target = Rules.Sla.For(draft.Priority);
        var state = new TicketState(
            draft.Number, TicketStatus.Open, draft.Priority, draft.Subject, draft.Description, draft.Contact, draft.Language, draft.Source,
            now, now, 0, SlaClock.Started(Rules.Sla.Window(now, target.FirstResponse)), SlaClock.Started(Rules.Sla.Window(now, target.Resolution)))
        {
            Session = draft.Session,
            TranscriptTo = draft.TranscriptTo,
        };
        var turn = new Turn(state, now);
        turn.Add(TicketEntryKind.Event, draft.OpenedBy ?? "lucine", $"Ticket aperto ({WireNames.Of(draft.Source)}), priorità {WireNames.Of(draft.Priority)}.");
        var text = Render(turn, TemplateKeys.NotifyCreated, name => name switch
        {
            "due" => DateText.Moment(state.FirstResponse.DueAt, now, Rules.Zone, draft.Language),
            "access" => links.AccessCode,
            _ => null,
        });
        if (links.ResumeUrl is { } url)
        {
            text += "\n\n" + Render(turn, TemplateKeys.NotifyResumeLink, name => name == "link" ? url : null);
        }

        Notify(turn, "created", text, links.ResumeUrl);
        turn.Record(AnalyticsEventTypes.TicketCreated, ("source", WireNames.Of(draft.Source)), ("priority", WireNames.Of(draft.Priority)),
            ("channel", WireNames.Of(draft.Contact.Channel)));
        return Settle(turn);
    }

    public TicketDecision Decide(TicketState state, TicketInput input, DateTimeOffset now)
    {
        var turn = new Turn(state, now);
        var rejection = input switch
        {
            // The number is taken already: the ticket stays as the first opening made it.
            TicketOpens => null,
            TicketEdited edited => Edit(turn, edited),
            TicketAssigned assigned => Assign(turn, assigned),
            TicketNoted { Public: false } noted => Note(turn, noted),
            TicketNoted noted => Answer(turn, noted.Actor, noted.Text, TicketEntryKind.PublicNote),
            TicketReplied replied => Answer(turn, replied.Actor, replied.Text, TicketEntryKind.Reply),
            StaffAttaches attaches => StaffAttaches(turn, attaches),
            CustomerAttaches attaches => CustomerAttaches(turn, attaches),
            TicketStatusSet set => SetStatus(turn, set),
            CustomerWrote wrote => CustomerWrote(turn, wrote),
            CustomerRates rates => CustomerRates(turn, rates),
            ContactFailed failed => ContactFailed(turn, failed),
            TicketTimeReached => TimeReached(turn),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown ticket input."),
        };
        return rejection is not null
            ? new TicketDecision(state, [], []) { Rejection = rejection }
            : Settle(turn);
    }

    /// <summary>The next moment the ticket needs a look on its own: an SLA warning or breach, or the automatic close.</summary>
    public DateTimeOffset? NextCheck(TicketState state) => state.Status switch
    {
        TicketStatus.Closed => null,
        TicketStatus.Resolved => new[] { state.FirstResponse.NextCheck, (state.ResolvedAt ?? state.UpdatedAt) + Rules.AutoCloseAfter }.Min(),
        _ => new[] { state.FirstResponse.NextCheck, state.Resolution.NextCheck }.Min(),
    };

    private static Rejection? Closed(Turn turn) =>
        turn.State.Status == TicketStatus.Closed ? Conflict("ticket-closed", $"Ticket {turn.State.Number} is closed.") : null;

    /// <summary>Everything a decision implies: the activity time and the change the operators' list and screens must see.</summary>
    private static TicketDecision Settle(Turn turn)
    {
        if (turn.Entries.Count == 0 && turn.Effects.Count == 0)
        {
            return new TicketDecision(turn.State, [], []);
        }

        var state = turn.State with { UpdatedAt = turn.Now };
        return new TicketDecision(state, turn.Entries, [.. turn.Effects, new TicketChanged(state, turn.Entries)]);
    }

    private void Notify(Turn turn, string purpose, string text, string? link, string? reply = null)
    {
        var state = turn.State;
        var fields = new Dictionary<string, string>
        {
            ["ticket_number"] = state.Number.ToString(),
            ["customer_name"] = state.Contact.Name,
            ["text"] = reply ?? text,
        };
        if (link is not null)
        {
            fields["link"] = link;
        }

        var outsideWindow = state.Contact.Channel == ContactChannel.WhatsApp
            && (state.LastCustomerMessageAt is not { } last || turn.Now - last >= Rules.WhatsAppWindow);
        turn.Effects.Add(new NotifyCustomer(new Notification(
            $"{state.Number}-{state.LastSequence.ToString("D6", CultureInfo.InvariantCulture)}-{purpose}",
            state.Contact.Channel, state.Contact.Address, Text(turn, TemplateKeys.NotifySubject), text, state.Language)
        {
            Ticket = state.Number.ToString(),
            OutsideWhatsAppWindow = outsideWindow,
            Fields = fields,
        }));
    }

    private string Text(Turn turn, string key) => Render(turn, key, _ => null);

    private string Render(Turn turn, string key, Func<string, string?> own) => Render(turn, key, turn.State.Language, own);

    /// <summary>Every ticket text knows the ticket's number and the customer's name.</summary>
    private string Render(Turn turn, string key, Language language, Func<string, string?> own) =>
        knowledge.Templates.Render(key, language, name => own(name) ?? name switch
        {
            "ticket" => turn.State.Number.ToString(),
            "name" => turn.State.Contact.Name,
            _ => knowledge.Fact(name, language),
        });

    private static Rejection Conflict(string code, string detail) => Rejection.Conflict(code, detail);

}
