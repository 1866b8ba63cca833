using Lucine.Domain.Assistant;
using Lucine.Domain.Decisions;
using Lucine.Domain.Notifications;
using Lucine.Domain.Queue;
using Lucine.Domain.Tickets;

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
                turn.Record(AnalyticsEventTypes.ChatTimeout, ("status", WireNames.Of(state.Status)));
                End(turn, state.Status == SessionStatus.ConfirmingEscalation ? SessionOutcome.Abandoned : SessionOutcome.Resolved, TemplateKeys.ChatEndedIdle, "inactivity");
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
                if (reached.Routing is not { } routing)
                {
                    turn.Need = new NeedsRouting(Except: state.Operator!.Username);
                    return null;
                }

                turn.Record(AnalyticsEventTypes.SlaViolation, ("sla", "operator_first_response"), ("operator", state.Operator!.Username));
                if (routing.Reserved is { } next && next.Username != state.Operator.Username)
                {
                    AssignTo(turn, next, TemplateKeys.OperatorTransferred);
                }
                else
                {
                    Enqueue(turn, QueuePriority.High);
                    turn.Add(MessageSender.System, Text(turn, TemplateKeys.QueueRequeued));
                }

                break;
            case DeadlineKind.VisitorQuiet:
                turn.Enter(SessionStatus.WaitingClient);
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.WaitingClient));
                break;
            case DeadlineKind.VisitorGone:
                turn.Record(AnalyticsEventTypes.ChatTimeout, ("status", WireNames.Of(state.Status)));
                End(turn, SessionOutcome.Abandoned, TemplateKeys.ChatEndedIdle, "inactivity");
                break;
            case DeadlineKind.CloseUnanswered:
                End(turn, SessionOutcome.Resolved, TemplateKeys.ChatClosed, "close_unanswered");
                break;
            case DeadlineKind.ContactAbandoned:
                turn.Record(AnalyticsEventTypes.ChatTimeout, ("status", WireNames.Of(state.Status)));
                End(turn, SessionOutcome.Abandoned, TemplateKeys.ChatEndedIdle, "inactivity");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reached), deadline.Kind, "Unknown deadline.");
        }

        return null;
    }
}
