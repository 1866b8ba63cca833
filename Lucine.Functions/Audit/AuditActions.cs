namespace Lucine.Functions.Audit;

/// <summary>The names of recorded staff actions, as they appear in the audit log (stable: filters and exports use them).</summary>
public static class AuditActions
{
    public const string Login = "operator.login";
    public const string Logout = "operator.logout";
    public const string Availability = "operator.availability";
    public const string PasswordChanged = "operator.password_changed";
    public const string ProfileChanged = "operator.profile_changed";

    public const string OperatorCreated = "operator.created";
    public const string OperatorUpdated = "operator.updated";
    public const string OperatorDeactivated = "operator.deactivated";
    public const string OperatorReactivated = "operator.reactivated";
    public const string PasswordReset = "operator.password_reset";
    public const string SignedOutEverywhere = "operator.signed_out";

    public const string ChatTaken = "chat.take";
    public const string ChatMessage = "chat.message";
    public const string ChatTransferred = "chat.transfer";
    public const string ChatReleased = "chat.release";
    public const string ChatCloseRequested = "chat.close_request";
    public const string ChatClosed = "chat.close";
    public const string ChatNote = "chat.note";
    public const string ChatAttachment = "chat.attachment";

    public const string ReplyCreated = "reply.created";
    public const string ReplyUpdated = "reply.updated";
    public const string ReplyDeleted = "reply.deleted";

    public const string TicketCreated = "ticket.created";
    public const string TicketEdited = "ticket.edited";
    public const string TicketAssigned = "ticket.assigned";
    public const string TicketNote = "ticket.note";
    public const string TicketReply = "ticket.reply";
    public const string TicketStatus = "ticket.status";
    public const string TicketAttachment = "ticket.attachment";

    public const string KnowledgeSaved = "knowledge.saved";
    public const string KnowledgeRestored = "knowledge.restored";
    public const string KnowledgeTried = "knowledge.tried";

    public const string TextsSaved = "texts.saved";
    public const string TextsRestored = "texts.restored";

    public const string SeasonsSaved = "seasons.saved";

    public const string PrivacyExported = "privacy.exported";
    public const string PrivacyErased = "privacy.erased";

    public const string AuditExported = "audit.exported";

    public const string ReportsExported = "reports.exported";
    public const string ReportsRebuilt = "reports.rebuilt";

    public const string BlindSpotAnswered = "blind_spot.answered";
    public const string BlindSpotDismissed = "blind_spot.dismissed";
}
