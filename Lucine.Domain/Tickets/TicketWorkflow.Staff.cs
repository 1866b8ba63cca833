using System.Globalization;

namespace Lucine.Domain.Tickets;

/// <summary>What staff do with a ticket: edit, assign, note, answer, move it through the statuses.</summary>
public sealed partial class TicketWorkflow
{
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

    private static Rejection? Assign(Turn turn, TicketAssigned assigned)
    {
        if (Closed(turn) is { } closed)
        {
            return closed;
        }

        // Tickets are a shared queue: anyone takes a free one or hands on their own, but a ticket
        // someone else holds is reassigned only by a supervisor.
        if (!assigned.Supervising && turn.State.Assignee is { } holder && holder != assigned.Actor)
        {
            return new Rejection(RejectionKind.Forbidden, "not-your-ticket", $"The ticket is assigned to {holder}: only they, or a supervisor, can reassign it.");
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
    private Rejection? Answer(Turn turn, string actor, string text, TicketEntryKind kind, Attachment? attachment = null)
    {
        if ((Closed(turn) ?? (attachment is null ? null : Budget(turn, attachment))) is { } refused)
        {
            return refused;
        }

        turn.Add(kind, actor, text, attachment);
        if (turn.State.FirstResponse.IsRunning)
        {
            turn.State = turn.State with { FirstResponse = turn.State.FirstResponse with { State = SlaState.Met, EndedAt = turn.Now } };
            turn.Record(AnalyticsEventTypes.TicketFirstResponse, ("operator", actor),
                ("seconds", ((long)(turn.Now - turn.State.CreatedAt).TotalSeconds).ToString(CultureInfo.InvariantCulture)));
            RecordMet(turn, "first_response");
        }

        if (turn.State.Status == TicketStatus.Open)
        {
            Move(turn, actor, TicketStatus.InProgress);
        }

        // A file without a caption is told by its name: the customer opens it on the ticket's page.
        var said = text.Length == 0 && attachment is not null ? attachment.Name : text;
        Notify(turn, "reply", Render(turn, TemplateKeys.NotifyReply, name => name == "text" ? said : null), null, said);
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
                var text = Text(turn, TemplateKeys.NotifyResolved);
                if (set.RatingUrl is { } url)
                {
                    text += "\n\n" + Render(turn, TemplateKeys.NotifyRatingLink, name => name == "link" ? url : null);
                }

                Notify(turn, "resolved", text, set.RatingUrl);
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
        var resolvedBy = state.ResolvedBy;

        // A rating is of one resolution: a reopened ticket is rated again when it is resolved again.
        var rating = state.Rating;
        if (to is TicketStatus.Resolved or TicketStatus.Closed && resolution.IsRunning)
        {
            resolution = resolution with { State = SlaState.Met, EndedAt = turn.Now };
        }

        if (to == TicketStatus.Resolved)
        {
            resolvedAt = turn.Now;
            resolvedBy = actor;
        }
        else if (state.Status == TicketStatus.Resolved && to != TicketStatus.Closed)
        {
            // Reopened: the resolution promise starts again from now.
            resolution = SlaClock.Started(Rules.Sla.Window(turn.Now, Rules.Sla.For(state.Priority).Resolution));
            resolvedAt = null;
            resolvedBy = null;
            rating = null;
        }

        // Resolving or closing answers the customer too: the first-response promise ends with it.
        var firstResponse = to is TicketStatus.Resolved or TicketStatus.Closed && state.FirstResponse.IsRunning
            ? state.FirstResponse with { State = SlaState.Met, EndedAt = turn.Now }
            : state.FirstResponse;
        turn.State = state with { Status = to, Resolution = resolution, ResolvedAt = resolvedAt, ResolvedBy = resolvedBy, Rating = rating, FirstResponse = firstResponse };
        turn.Add(TicketEntryKind.Event, actor, $"Stato: {WireNames.Of(state.Status)} → {WireNames.Of(to)}.");
        turn.Record(AnalyticsEventTypes.TicketStatusChanged, ("from", WireNames.Of(state.Status)), ("to", WireNames.Of(to)),
            ("operator", actor is CustomerActor or SystemActor ? "" : actor));
        if (state.FirstResponse.IsRunning && firstResponse.State == SlaState.Met)
        {
            RecordMet(turn, "first_response");
        }

        if (state.Resolution.IsRunning && resolution.State == SlaState.Met)
        {
            RecordMet(turn, "resolution");
        }
    }

    /// <summary>A promise kept counts for the reports under the priority it was measured against (a breach records its own event).</summary>
    private static void RecordMet(Turn turn, string sla) =>
        turn.Record(AnalyticsEventTypes.SlaMet, ("sla", "ticket_" + sla), ("priority", WireNames.Of(turn.State.Priority)));
}
