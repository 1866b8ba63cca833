namespace Lucine.Domain.Tickets;

/// <summary>The SLA's clock: promises retargeted with the priority, warned, breached, and the automatic close.</summary>
public sealed partial class TicketWorkflow
{
    /// <summary>A new priority has its own targets: promises still running are measured against them from their start.</summary>
    private void Reprioritize(Turn turn, TicketPriority priority)
    {
        var target = Rules.Sla.For(priority);
        SlaClock Retarget(SlaClock clock, TimeSpan span) => clock.IsRunning
            ? SlaClock.Started(Rules.Sla.Window(clock.Start, span))
            : clock;
        turn.State = turn.State with
        {
            Priority = priority,
            FirstResponse = Retarget(turn.State.FirstResponse, target.FirstResponse),
            Resolution = Retarget(turn.State.Resolution, target.Resolution),
        };
    }

    private Rejection? TimeReached(Turn turn)
    {
        var state = turn.State;
        if (state.Status == TicketStatus.Resolved && turn.Now >= (state.ResolvedAt ?? state.UpdatedAt) + Rules.AutoCloseAfter)
        {
            Move(turn, SystemActor, TicketStatus.Closed);
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
                turn.Add(TicketEntryKind.Event, "lucine", $"SLA {sla}: in scadenza ({DateText.Moment(clock.DueAt, turn.Now, Rules.Zone, Domain.Language.Italian)}).");
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
            turn.Record(AnalyticsEventTypes.SlaViolation, ("sla", "ticket_" + sla), ("priority", WireNames.Of(raised)), ("measured_priority", WireNames.Of(before)));
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
}
