using Lucine.Functions.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Lucine.Functions.Hosting;

/// <summary>The least role an endpoint asks; each role includes the ones before it (an admin is a supervisor is an operator).</summary>
public enum StaffRole
{
    /// <summary>No token: the login.</summary>
    Anyone,

    /// <summary>Any logged-in operator, even one who must first replace a password an admin reset.</summary>
    Account,
    Operator,
    Supervisor,
    Admin,
}

/// <summary>Which objects, beyond the role, a plain operator may act on; supervisors and admins pass every one of these rules.</summary>
public enum Ownership
{
    None,

    /// <summary>Only their own account.</summary>
    OwnAccount,

    /// <summary>Only a chat they are in charge of (403 <c>not-your-chat</c>); a queued one to take it.</summary>
    ChatInCharge,

    /// <summary>A chat that is queued (to decide to take it), theirs, or ended after they were last in charge of it.</summary>
    ChatReader,

    /// <summary>Lists narrowed to what they handled (conversation history) or hold (their chats).</summary>
    OwnList,

    /// <summary>Only their own figures (the reports of one operator).</summary>
    OwnFigures,

    /// <summary>Tickets are a shared queue; a ticket assigned to someone else is reassigned only by a supervisor (403 <c>not-your-ticket</c>).</summary>
    TicketAssignment,
}

/// <summary>What an endpoint asks: the least role, the ownership rule, and the audit action its calls are recorded under (null: not recorded).</summary>
public sealed record Permission(StaffRole Role, string? Audit, Ownership Ownership = Ownership.None);

/// <summary>
/// The permission matrix: every staff endpoint, by endpoint name, with the role it needs, its
/// ownership rule and its audit action. <see cref="UsePermissions"/> enforces the roles for every
/// endpoint under the staff paths (an endpoint missing from the matrix is refused, whatever its own
/// policy says), and the audit recorder takes the action names from here; ownership is decided where
/// the object is read (the session and ticket workflows, the chat and history endpoints). The README's
/// matrix is this table; a test walks the mapped endpoints against it.
/// </summary>
public static class Permissions
{
    /// <summary>Paths whose endpoints are staff endpoints: each must be in the matrix.</summary>
    public static readonly IReadOnlyList<string> StaffPaths = ["/api/operator", "/api/admin", "/api/audit", "/api/metrics", "/api/reports"];

    public static readonly IReadOnlyDictionary<string, Permission> Matrix = new Dictionary<string, Permission>
    {
        // Their own account.
        ["OperatorLogin"] = new(StaffRole.Anyone, AuditActions.Login),
        ["OperatorLogout"] = new(StaffRole.Account, AuditActions.Logout, Ownership.OwnAccount),
        ["OperatorMe"] = new(StaffRole.Account, null, Ownership.OwnAccount),
        ["UpdateOperatorMe"] = new(StaffRole.Operator, AuditActions.ProfileChanged, Ownership.OwnAccount),
        ["ChangeOperatorPassword"] = new(StaffRole.Account, AuditActions.PasswordChanged, Ownership.OwnAccount),
        ["OperatorAvailability"] = new(StaffRole.Operator, AuditActions.Availability, Ownership.OwnAccount),

        // The team.
        ["Operators"] = new(StaffRole.Supervisor, null),
        ["CreateOperator"] = new(StaffRole.Admin, AuditActions.OperatorCreated),
        ["UpdateOperator"] = new(StaffRole.Admin, AuditActions.OperatorUpdated),
        ["DeactivateOperator"] = new(StaffRole.Admin, AuditActions.OperatorDeactivated),
        ["ReactivateOperator"] = new(StaffRole.Admin, AuditActions.OperatorReactivated),
        ["ResetOperatorPassword"] = new(StaffRole.Admin, AuditActions.PasswordReset),
        ["SignOutOperator"] = new(StaffRole.Admin, AuditActions.SignedOutEverywhere),

        // Chats.
        ["OperatorQueue"] = new(StaffRole.Operator, null),
        ["OperatorTake"] = new(StaffRole.Operator, AuditActions.ChatTaken, Ownership.ChatInCharge),
        ["OperatorChats"] = new(StaffRole.Operator, null, Ownership.OwnList),
        ["OperatorChatHistory"] = new(StaffRole.Operator, null, Ownership.ChatReader),
        ["OperatorMessage"] = new(StaffRole.Operator, AuditActions.ChatMessage, Ownership.ChatInCharge),
        ["OperatorTransfer"] = new(StaffRole.Operator, AuditActions.ChatTransferred, Ownership.ChatInCharge),
        ["OperatorRelease"] = new(StaffRole.Operator, AuditActions.ChatReleased, Ownership.ChatInCharge),
        ["OperatorCloseRequest"] = new(StaffRole.Operator, AuditActions.ChatCloseRequested, Ownership.ChatInCharge),
        ["OperatorClose"] = new(StaffRole.Operator, AuditActions.ChatClosed, Ownership.ChatInCharge),
        ["OperatorNote"] = new(StaffRole.Operator, AuditActions.ChatNote, Ownership.ChatInCharge),
        ["OperatorChatAttachmentUpload"] = new(StaffRole.Operator, AuditActions.ChatAttachment, Ownership.ChatInCharge),
        ["OperatorChatAttachment"] = new(StaffRole.Operator, null, Ownership.ChatReader),

        // Typing is not recorded: it is said many times a minute, changes nothing, and is ephemeral.
        ["OperatorTyping"] = new(StaffRole.Operator, null, Ownership.ChatInCharge),
        ["OperatorConversations"] = new(StaffRole.Operator, null, Ownership.OwnList),

        // Canned replies.
        ["OperatorReplies"] = new(StaffRole.Operator, null),
        ["OperatorReply"] = new(StaffRole.Operator, null),
        ["OperatorReplyCreate"] = new(StaffRole.Supervisor, AuditActions.ReplyCreated),
        ["OperatorReplyReplace"] = new(StaffRole.Supervisor, AuditActions.ReplyUpdated),
        ["OperatorReplyDelete"] = new(StaffRole.Supervisor, AuditActions.ReplyDeleted),

        // Tickets.
        ["OperatorTickets"] = new(StaffRole.Operator, null),
        ["OperatorTicket"] = new(StaffRole.Operator, null),
        ["OperatorTicketCreate"] = new(StaffRole.Operator, AuditActions.TicketCreated),
        ["OperatorTicketEdit"] = new(StaffRole.Operator, AuditActions.TicketEdited),
        ["OperatorTicketAssign"] = new(StaffRole.Operator, AuditActions.TicketAssigned, Ownership.TicketAssignment),
        ["OperatorTicketNote"] = new(StaffRole.Operator, AuditActions.TicketNote),
        ["OperatorTicketReply"] = new(StaffRole.Operator, AuditActions.TicketReply),
        ["OperatorTicketStatus"] = new(StaffRole.Operator, AuditActions.TicketStatus),
        ["OperatorTicketAttachmentUpload"] = new(StaffRole.Operator, AuditActions.TicketAttachment),
        ["OperatorTicketAttachment"] = new(StaffRole.Operator, null),

        // What the local sink "sent" (development and demos).
        ["OperatorSink"] = new(StaffRole.Operator, null),

        // The knowledge base.
        ["AdminKnowledgeBase"] = new(StaffRole.Admin, null),
        ["AdminKnowledgeBaseSchema"] = new(StaffRole.Admin, null),
        ["AdminKnowledgeBaseVersions"] = new(StaffRole.Admin, null),
        ["AdminKnowledgeBaseVersion"] = new(StaffRole.Admin, null),
        ["AdminKnowledgeBaseSave"] = new(StaffRole.Admin, AuditActions.KnowledgeSaved),
        ["AdminKnowledgeBaseRestore"] = new(StaffRole.Admin, AuditActions.KnowledgeRestored),
        ["AdminKnowledgeBaseTry"] = new(StaffRole.Admin, AuditActions.KnowledgeTried),

        // The customer texts.
        ["AdminTexts"] = new(StaffRole.Admin, null),
        ["AdminTextsVersions"] = new(StaffRole.Admin, null),
        ["AdminTextsVersion"] = new(StaffRole.Admin, null),
        ["AdminTextsSave"] = new(StaffRole.Admin, AuditActions.TextsSaved),
        ["AdminTextsRestore"] = new(StaffRole.Admin, AuditActions.TextsRestored),

        // The seasons.
        ["AdminSeasons"] = new(StaffRole.Admin, null),
        ["AdminSeasonsVersions"] = new(StaffRole.Admin, null),
        ["AdminSeasonsVersion"] = new(StaffRole.Admin, null),
        ["AdminSeasonsSave"] = new(StaffRole.Admin, AuditActions.SeasonsSaved),

        // Personal data: export and erasure.
        ["AdminPrivacyExport"] = new(StaffRole.Admin, AuditActions.PrivacyExported),
        ["AdminPrivacyErase"] = new(StaffRole.Admin, AuditActions.PrivacyErased),
        ["AdminPrivacyErasure"] = new(StaffRole.Admin, null),

        // The audit log and the metrics.
        ["Audit"] = new(StaffRole.Admin, null),
        ["AuditCsv"] = new(StaffRole.Admin, AuditActions.AuditExported),
        ["GetMetrics"] = new(StaffRole.Admin, null),

        // Reports.
        ["ReportOverview"] = new(StaffRole.Supervisor, null),
        ["ReportOverviewCsv"] = new(StaffRole.Supervisor, AuditActions.ReportsExported),
        ["ReportOperator"] = new(StaffRole.Operator, null, Ownership.OwnFigures),
        ["AdminReportsRebuild"] = new(StaffRole.Admin, AuditActions.ReportsRebuilt),

        // The assistant's blind spots.
        ["BlindSpots"] = new(StaffRole.Admin, null),
        ["BlindSpotAnswered"] = new(StaffRole.Admin, AuditActions.BlindSpotAnswered),
        ["BlindSpotDismissed"] = new(StaffRole.Admin, AuditActions.BlindSpotDismissed),
    };

    /// <summary>The authorization policy of a role; null for the login.</summary>
    public static string? Policy(StaffRole role) => role switch
    {
        StaffRole.Account => LucineIdentity.AccountPolicy,
        StaffRole.Operator => LucineIdentity.OperatorPolicy,
        StaffRole.Supervisor => LucineIdentity.SupervisorPolicy,
        StaffRole.Admin => LucineIdentity.AdminPolicy,
        _ => null,
    };

    public static string? NameOf(Endpoint endpoint) => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;

    /// <summary>Whether an endpoint is under the staff paths.</summary>
    public static bool IsStaff(Endpoint endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern } && StaffPaths.Any(path => pattern.StartsWith(path, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the matrix opens an endpoint to callers without a token.</summary>
    public static bool IsPublic(Endpoint endpoint) => NameOf(endpoint) is { } name && Matrix.TryGetValue(name, out var permission) && permission.Role == StaffRole.Anyone;

    /// <summary>Refuses a staff call the matrix does not allow: 401 without a valid token, 403 without the role or without an entry.</summary>
    public static IApplicationBuilder UsePermissions(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is { } endpoint && IsStaff(endpoint))
        {
            if (NameOf(endpoint) is not { } name || !Matrix.TryGetValue(name, out var permission))
            {
                await Problems.Forbidden("This endpoint is not in the permission matrix.").ExecuteAsync(context);
                return;
            }

            var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
            if (Policy(permission.Role) is { } policy && !(await authorization.AuthorizeAsync(context.User, policy)).Succeeded)
            {
                await (context.User.Username() is null ? context.ChallengeAsync() : context.ForbidAsync());
                return;
            }
        }

        await next(context);
    });
}
