namespace Lucine.Domain.Sessions;

/// <summary>The waits of every status and what happens when one runs out.</summary>
public sealed partial class SessionWorkflow
{
    private Rejection? DeadlineReached(Turn turn, DeadlineReached reached)
    {
        var state = turn.State;
        if (state.Deadline is not { } deadline || deadline.At > turn.Now)
        {
            return null;
        }

        switch (deadline.Kind)
        {
            case DeadlineKind.AssistantIdle:
                // Asked whether they want a person and never said: they gave up, the assistant did not solve it.
                EndIdle(turn, state.Status == SessionStatus.ConfirmingEscalation ? SessionOutcome.Abandoned : SessionOutcome.Resolved);
                break;
            case DeadlineKind.QueueTicketOffer:
                turn.State = turn.State with { DeadlineStage = 1 };
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.QueueTicketOffer), [Button(turn, VisitorCommand.RequestTicket, TemplateKeys.RequestTicketLabel)]);
                break;
            case DeadlineKind.QueuePriorityRaise:
                turn.Record(AnalyticsEventTypes.SlaWarning, ("sla", "queue_wait"));
                turn.State = turn.State with { DeadlineStage = 2, InQueue = state.InQueue! with { Priority = QueuePriority.High } };
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.QueuePriorityRaised));
                break;
            case DeadlineKind.QueueGiveUp:
                turn.Record(AnalyticsEventTypes.SlaViolation, ("sla", "queue_wait"));
                turn.Record(AnalyticsEventTypes.QueueEntryCancelled, ("reason", "queue_timeout"));
                StartCollectingContact(turn, TicketReason.QueueTimeout, Text(turn, TemplateKeys.QueueGaveUp));
                break;
            case DeadlineKind.OperatorFirstResponseAlert:
                turn.Record(AnalyticsEventTypes.SlaWarning, ("sla", "operator_first_response"), ("operator", state.Operator!.Username));
                turn.State = turn.State with { DeadlineStage = 1 };
                turn.Effects.Add(new AlertOperator(state.Operator.Username, OperatorAlerts.FirstResponseDue));
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.OperatorDelayed));
                break;
            case DeadlineKind.OperatorFirstResponseReassign:
                ReassignUnanswered(turn, reached.Routing);
                break;
            case DeadlineKind.VisitorQuiet:
                turn.Enter(SessionStatus.WaitingClient);
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.WaitingClient));
                break;
            case DeadlineKind.VisitorGone:
            case DeadlineKind.ContactAbandoned:
                EndIdle(turn, SessionOutcome.Abandoned);
                break;
            case DeadlineKind.CloseUnanswered:
                End(turn, SessionOutcome.Resolved, TemplateKeys.ChatClosed, "close_unanswered");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reached), deadline.Kind, "Unknown deadline.");
        }

        return null;
    }

    private void EndIdle(Turn turn, SessionOutcome outcome)
    {
        turn.Record(AnalyticsEventTypes.ChatTimeout, ("status", WireNames.Of(turn.State.Status)));
        End(turn, outcome, TemplateKeys.ChatEndedIdle, "inactivity");
    }

    /// <summary>The operator in charge never answered: another one takes the chat, or it goes back to the queue, ahead.</summary>
    private void ReassignUnanswered(Turn turn, Routing? routing)
    {
        if (routing is not null)
        {
            turn.Record(AnalyticsEventTypes.SlaViolation, ("sla", "operator_first_response"), ("operator", turn.State.Operator!.Username));
        }

        Reroute(turn, routing);
    }

    /// <summary>The chat leaves its operator: to another one whose slot routing reserved, or back to the queue, ahead.</summary>
    private void Reroute(Turn turn, Routing? routing)
    {
        var current = turn.State.Operator!;
        if (routing is null)
        {
            turn.Need = new NeedsRouting(Except: current.Username);
            return;
        }

        if (routing.Reserved is { } next && next.Username != current.Username)
        {
            AssignTo(turn, next, TemplateKeys.OperatorTransferred);
        }
        else
        {
            Enqueue(turn, QueuePriority.High);
            turn.Add(MessageSender.System, Text(turn, TemplateKeys.QueueRequeued));
        }
    }
}
