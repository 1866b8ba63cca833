namespace Lucine.Domain.Decisions;

/// <summary>The kinds of event the reports count.</summary>
public static class AnalyticsEventTypes
{
    public const string ChatMessage = "chat_message";
    public const string EscalationRequest = "escalation_request";
    public const string QueueEntryAdded = "queue_entry_added";
    public const string QueueEntryCancelled = "queue_entry_cancelled";
    public const string QueueAssignmentCompleted = "queue_assignment_completed";
    public const string OperatorTookChat = "operator_took_chat";
    public const string OperatorMessageSent = "operator_message_sent";
    public const string OperatorClosedChat = "operator_closed_chat";
    public const string OperatorLost = "operator_lost";
    public const string ChatTimeout = "chat_timeout";
    public const string ChatEnded = "chat_ended";
    public const string SlaWarning = "sla_warning";
    public const string SlaViolation = "sla_violation";
    public const string TicketCreated = "ticket_created";
    public const string TicketFromChat = "ticket_from_chat";
    public const string TicketStatusChanged = "ticket_status_changed";
    public const string TicketFirstResponse = "ticket_first_response";

    /// <summary>A ticket's SLA promise ended in time (sla: ticket_first_response or ticket_resolution; priority).</summary>
    public const string SlaMet = "sla_met";
    public const string SatisfactionRated = "satisfaction_rated";
}
