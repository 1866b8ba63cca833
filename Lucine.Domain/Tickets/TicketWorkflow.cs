using System.Globalization;
using Lucine.Domain.Assistant;
using Lucine.Domain.Decisions;
using Lucine.Domain.Notifications;
using Lucine.Domain.Sessions;

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
public sealed class TicketWorkflow(KnowledgeBase knowledge, TicketRules rules)
{
    /// <summary>The status changes staff may make (reopening by the customer's own message is the workflow's).</summary>
    private static readonly IReadOnlyDictionary<TicketStatus, TicketStatus[]> Allowed = new Dictionary<TicketStatus, TicketStatus[]>
    {
        [TicketStatus.Open] = [TicketStatus.InProgress, TicketStatus.WaitingCustomer, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.InProgress] = [TicketStatus.WaitingCustomer, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.WaitingCustomer] = [TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed],
        [TicketStatus.Resolved] = [TicketStatus.InProgress, TicketStatus.Closed],
        [TicketStatus.Closed] = [],
    };

    public TicketRules Rules => rules;

    public static bool CanMove(TicketStatus from, TicketStatus to) => Allowed[from].Contains(to);

    /// <summary>Where staff may move a ticket from this status (the dashboard offers exactly these).</summary>
    public static IReadOnlyList<TicketStatus> NextStatuses(TicketStatus from) => Allowed[from];

    public TicketDecision Open(TicketDraft draft, TicketLinks links, DateTimeOffset now)
    {
        var target = rules.Sla.For(draft.Priority);
        var state = new TicketState(
            draft.Number, TicketStatus.Open, draft.Priority, draft.Subject, draft.Description, draft.Contact, draft.Language, draft.Source,
            now, now, 0, SlaClock.Started(rules.Sla.Window(now, target.FirstResponse)), SlaClock.Started(rules.Sla.Window(now, target.Resolution)))
        {
            Session = draft.Session,
            TranscriptTo = draft.TranscriptTo,
        };
        var turn = new Turn(state, now);
        turn.Add(TicketEntryKind.Event, draft.OpenedBy ?? "lucine", $"Ticket aperto ({WireNames.Of(draft.Source)}), priorità {WireNames.Of(draft.Priority)}.");
        var text = Render(turn, TemplateKeys.NotifyCreated, name => name switch
        {
            "due" => DateText.Moment(state.FirstResponse.DueAt, now, rules.Zone, draft.Language),
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
            TicketStatusSet set => SetStatus(turn, set),
            CustomerWrote wrote => CustomerWrote(turn, wrote),
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
        TicketStatus.Resolved => new[] { state.FirstResponse.NextCheck, (state.ResolvedAt ?? state.UpdatedAt) + rules.AutoCloseAfter }.Min(),
        _ => new[] { state.FirstResponse.NextCheck, state.Resolution.NextCheck }.Min(),
    };

    private static Rejection? Closed(Turn turn) =>
        turn.State.Status == TicketStatus.Closed ? Conflict("ticket-closed", $"Ticket {turn.State.Number} is closed.") : null;

    private Rejection? Edit(Turn turn, TicketEdited edited)
    {
        if (Closed(turn) is { } closed)
        {
            return closed;
        }

        var state = turn.State;
        var changes = new List<string>();
        if (edited.Subject is { } subject && subject != state.Subject)
        {
            changes.Add("oggetto");
            turn.State = turn.State with { Subject = subject };
        }

        if (edited.Description is { } description && description != state.Description)
        {
            changes.Add("descrizione");
            turn.State = turn.State with { Description = description };
        }

        if (edited.Priority is { } priority && priority != state.Priority)
        {
            changes.Add($"priorità {WireNames.Of(state.Priority)} → {WireNames.Of(priority)}");
            Reprioritize(turn, priority);
        }

        if (changes.Count > 0)
        {
            turn.Add(TicketEntryKind.Event, edited.Actor, "Modificato: " + string.Join(", ", changes) + ".");
        }

        return null;
    }

    /// <summary>A new priority has its own targets: promises still running are measured against them from their start.</summary>
    private void Reprioritize(Turn turn, TicketPriority priority)
    {
        var target = rules.Sla.For(priority);
        SlaClock Retarget(SlaClock clock, TimeSpan span) => clock.IsRunning
            ? SlaClock.Started(rules.Sla.Window(clock.Start, span))
            : clock;
        turn.State = turn.State with
        {
            Priority = priority,
            FirstResponse = Retarget(turn.State.FirstResponse, target.FirstResponse),
            Resolution = Retarget(turn.State.Resolution, target.Resolution),
        };
    }

    private static Rejection? Assign(Turn turn, TicketAssigned assigned)
    {
        if (Closed(turn) is { } closed)
        {
            return closed;
        }

        if (assigned.Assignee == turn.State.Assignee)
        {
            return Conflict("already-assigned", assigned.Assignee is null ? "The ticket has no assignee already." : $"The ticket is already assigned to {assigned.Assignee}.");
        }

        turn.State = turn.State with { Assignee = assigned.Assignee };
        turn.Add(TicketEntryKind.Event, assigned.Actor, assigned.Assignee is null ? "Non più assegnato." : $"Assegnato a {assigned.Assignee}.");
        if (assigned.Assignee is { } assignee && assignee != assigned.Actor)
        {
            turn.Effects.Add(new AlertStaff(assignee, TicketAlerts.Assigned));
        }

        return null;
    }

    private static Rejection? Note(Turn turn, TicketNoted noted)
    {
        turn.Add(TicketEntryKind.InternalNote, noted.Actor, noted.Text);
        return null;
    }

    /// <summary>A reply or public note: sent to the customer, it is the first response if none came before.</summary>
    private Rejection? Answer(Turn turn, string actor, string text, TicketEntryKind kind)
    {
        if (Closed(turn) is { } closed)
        {
            return closed;
        }

        turn.Add(kind, actor, text);
        if (turn.State.FirstResponse.IsRunning)
        {
            turn.State = turn.State with { FirstResponse = turn.State.FirstResponse with { State = SlaState.Met, EndedAt = turn.Now } };
            turn.Record(AnalyticsEventTypes.TicketFirstResponse, ("operator", actor),
                ("seconds", ((long)(turn.Now - turn.State.CreatedAt).TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        }

        if (turn.State.Status == TicketStatus.Open)
        {
            Move(turn, actor, TicketStatus.InProgress);
        }

        Notify(turn, "reply", Render(turn, TemplateKeys.NotifyReply, name => name == "text" ? text : null), null, text);
        return null;
    }

    private Rejection? SetStatus(Turn turn, TicketStatusSet set)
    {
        var from = turn.State.Status;
        if (from == set.Status)
        {
            return Conflict("status-unchanged", $"Ticket {turn.State.Number} is already {WireNames.Of(from)}.");
        }

        if (!CanMove(from, set.Status))
        {
            return Conflict("invalid-transition",
                $"A ticket cannot go from {WireNames.Of(from)} to {WireNames.Of(set.Status)}; from {WireNames.Of(from)} it can go to: " +
                (Allowed[from].Length == 0 ? "nothing (closed tickets are final)" : string.Join(", ", Allowed[from].Select(s => WireNames.Of(s)))) + ".");
        }

        Move(turn, set.Actor, set.Status);
        switch (set.Status)
        {
            case TicketStatus.WaitingCustomer:
                Notify(turn, "waiting", Text(turn, TemplateKeys.NotifyWaitingCustomer), null);
                break;
            case TicketStatus.Resolved:
                Notify(turn, "resolved", Text(turn, TemplateKeys.NotifyResolved), null);
                break;
        }

        return null;
    }

    /// <summary>Moves the status and keeps the resolution promise in step: met on resolving, running again on reopening.</summary>
    private void Move(Turn turn, string actor, TicketStatus to)
    {
        var state = turn.State;
        var resolution = state.Resolution;
        DateTimeOffset? resolvedAt = state.ResolvedAt;
        if (to is TicketStatus.Resolved or TicketStatus.Closed && resolution.IsRunning)
        {
            resolution = resolution with { State = SlaState.Met, EndedAt = turn.Now };
        }

        if (to == TicketStatus.Resolved)
        {
            resolvedAt = turn.Now;
        }
        else if (state.Status == TicketStatus.Resolved && to != TicketStatus.Closed)
        {
            // Reopened: the resolution promise starts again from now.
            resolution = SlaClock.Started(rules.Sla.Window(turn.Now, rules.Sla.For(state.Priority).Resolution));
            resolvedAt = null;
        }

        // Resolving or closing answers the customer too: the first-response promise ends with it.
        var firstResponse = to is TicketStatus.Resolved or TicketStatus.Closed && state.FirstResponse.IsRunning
            ? state.FirstResponse with { State = SlaState.Met, EndedAt = turn.Now }
            : state.FirstResponse;
        turn.State = state with { Status = to, Resolution = resolution, ResolvedAt = resolvedAt, FirstResponse = firstResponse };
        turn.Add(TicketEntryKind.Event, actor, $"Stato: {WireNames.Of(state.Status)} → {WireNames.Of(to)}.");
        turn.Record(AnalyticsEventTypes.TicketStatusChanged, ("from", WireNames.Of(state.Status)), ("to", WireNames.Of(to)));
    }

    private Rejection? CustomerWrote(Turn turn, CustomerWrote wrote)
    {
        turn.Add(TicketEntryKind.CustomerMessage, turn.State.Contact.Name, wrote.Text);
        turn.State = turn.State with
        {
            LastCustomerMessageAt = wrote.Channel == ContactChannel.WhatsApp ? turn.Now : turn.State.LastCustomerMessageAt,
            Undeliverable = null,
        };
        if (turn.State.Status is TicketStatus.WaitingCustomer or TicketStatus.Resolved)
        {
            Move(turn, "customer", TicketStatus.InProgress);
        }

        turn.Effects.Add(new AlertStaff(turn.State.Assignee, TicketAlerts.CustomerWrote));
        return null;
    }

    private static Rejection? ContactFailed(Turn turn, ContactFailed failed)
    {
        if (turn.State.Undeliverable == failed.Reason)
        {
            return Conflict("already-undeliverable", "The contact is already marked undeliverable for this reason.");
        }

        turn.State = turn.State with { Undeliverable = failed.Reason };
        turn.Add(TicketEntryKind.Event, "lucine", $"Il contatto {turn.State.Contact.Address} non riceve i messaggi: {failed.Reason}.");
        turn.Effects.Add(new AlertStaff(turn.State.Assignee, TicketAlerts.ContactUndeliverable));
        return null;
    }

    private Rejection? TimeReached(Turn turn)
    {
        var state = turn.State;
        if (state.Status == TicketStatus.Resolved && turn.Now >= (state.ResolvedAt ?? state.UpdatedAt) + rules.AutoCloseAfter)
        {
            Move(turn, "lucine", TicketStatus.Closed);
            return null;
        }

        var firstResponse = Check(turn, state.FirstResponse, "first_response");
        turn.State = turn.State with { FirstResponse = firstResponse };
        if (state.Status is not (TicketStatus.Resolved or TicketStatus.Closed))
        {
            turn.State = turn.State with { Resolution = Check(turn, turn.State.Resolution, "resolution") };
        }

        return null;
    }

    /// <summary>Warns at the warning point, breaks at the due time (both at once when the sweep comes late).</summary>
    private SlaClock Check(Turn turn, SlaClock clock, string sla)
    {
        if (clock.State == SlaState.Active && turn.Now >= clock.WarnAt)
        {
            clock = clock with { State = SlaState.Warning };
            if (turn.Now < clock.DueAt)
            {
                turn.Add(TicketEntryKind.Event, "lucine", $"SLA {sla}: in scadenza ({DateText.Moment(clock.DueAt, turn.Now, rules.Zone, Domain.Language.Italian)}).");
                turn.Effects.Add(new AlertStaff(turn.State.Assignee, TicketAlerts.SlaWarning));
                turn.Record(AnalyticsEventTypes.SlaWarning, ("sla", "ticket_" + sla));
            }
        }

        if (clock.State == SlaState.Warning && turn.Now >= clock.DueAt)
        {
            clock = clock with { State = SlaState.Breached, EndedAt = turn.Now };
            var before = turn.State.Priority;
            var raised = TicketPriorities.Raise(before);
            turn.State = turn.State with { Priority = raised };
            turn.Add(TicketEntryKind.Event, "lucine", $"SLA {sla} superato; priorità {WireNames.Of(before)} → {WireNames.Of(raised)}.");
            turn.Record(AnalyticsEventTypes.SlaViolation, ("sla", "ticket_" + sla), ("priority", WireNames.Of(raised)));
            var subject = Render(turn, TemplateKeys.StaffSlaBreachedSubject, Domain.Language.Italian, _ => null);
            var text = Render(turn, TemplateKeys.StaffSlaBreached, Domain.Language.Italian, name => name switch
            {
                "sla" => Render(turn, sla == "first_response" ? TemplateKeys.SlaFirstResponse : TemplateKeys.SlaResolution, Domain.Language.Italian, _ => null),
                "priority" => WireNames.Of(raised),
                "subject" => turn.State.Subject,
                "assignee" => turn.State.Assignee ?? "-",
                _ => null,
            });
            turn.Effects.Add(new AlertStaff(null, TicketAlerts.SlaBreached, subject, text));
        }

        return clock;
    }

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
            && (state.LastCustomerMessageAt is not { } last || turn.Now - last >= rules.WhatsAppWindow);
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

    private sealed class Turn(TicketState state, DateTimeOffset now)
    {
        public TicketState State { get; set; } = state;

        public DateTimeOffset Now { get; } = now;

        public List<TicketEntry> Entries { get; } = [];

        public List<Effect> Effects { get; } = [];

        public void Add(TicketEntryKind kind, string author, string text)
        {
            var entry = new TicketEntry(State.LastSequence + 1, kind, author, text, Now);
            State = State with { LastSequence = entry.Sequence };
            Entries.Add(entry);
        }

        public void Record(string type, params (string Key, string Value)[] data) =>
            Effects.Add(new RecordAnalytics(new AnalyticsEvent(type, State.Number.ToString(), Now, data.ToDictionary(d => d.Key, d => d.Value))));
    }
}
