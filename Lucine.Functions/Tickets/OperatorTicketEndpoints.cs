using System.Security.Claims;
using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Lucine.Functions.Notifications;
using Lucine.Functions.Operators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>
/// What operators do with tickets: list (filtered, paged), read, open one (from a chat or for a
/// customer), edit, assign, note, reply, move through the statuses. The acting operator is the token's.
/// </summary>
public static class OperatorTicketEndpoints
{
    private const int MaxBodyBytes = 32 * 1024;
    private const int MaxNoteLength = 4000;
    private const int DefaultPageSize = 25;
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapOperatorTicketEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operator/tickets").WithTags("Operator tickets").RequireAuthorization(LucineIdentity.OperatorPolicy);
        group.MapGet("", ListAsync).WithName("OperatorTickets");
        group.MapPost("", CreateAsync).WithName("OperatorTicketCreate");
        group.MapGet("/{number}", DetailAsync).WithName("OperatorTicket");
        group.MapPatch("/{number}", EditAsync).WithName("OperatorTicketEdit");
        group.MapPost("/{number}/assign", AssignAsync).WithName("OperatorTicketAssign");
        group.MapPost("/{number}/notes", NoteAsync).WithName("OperatorTicketNote");
        group.MapPost("/{number}/reply", ReplyAsync).WithName("OperatorTicketReply");
        group.MapPost("/{number}/status", StatusAsync).WithName("OperatorTicketStatus");
        return app;
    }

    private static async Task<Results<Ok<TicketListResponse>, ProblemHttpResult>> ListAsync(
        string? status, string? priority, string? assignee, string? sla, string? q, string? cursor, string? limit, TicketIndex index, CancellationToken cancellationToken)
    {
        if (!TryEnum<TicketStatus>(status, out var byStatus) || !TryEnum<TicketPriority>(priority, out var byPriority) || !TryEnum<SlaState>(sla, out var bySla))
        {
            return Problems.Invalid("invalid-filter", "Invalid filter",
                $"status: {Names<TicketStatus>()}; priority: {Names<TicketPriority>()}; sla: {Names<SlaState>()}.");
        }

        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxPageSize))
        {
            return Problems.Invalid("invalid-limit", "Invalid limit", $"'limit' must be between 1 and {MaxPageSize}.");
        }

        if (!string.IsNullOrWhiteSpace(assignee) && OperatorFields.CheckUsername(OperatorAccount.Normalize(assignee)) is not null)
        {
            return Problems.Invalid("invalid-filter", "Invalid filter", "'assignee' must be a username (3 to 40 characters among a-z, 0-9, '.', '_' and '-').");
        }

        if (cursor is not null && (cursor.Length > 40 || !cursor.All(c => char.IsAsciiDigit(c) || c == '-')))
        {
            return Problems.Invalid("invalid-cursor", "Invalid cursor", "'cursor' must be the 'next' value of a previous page.");
        }

        var filter = new TicketFilter(byStatus, byPriority, string.IsNullOrWhiteSpace(assignee) ? null : OperatorAccount.Normalize(assignee), bySla,
            string.IsNullOrWhiteSpace(q) ? null : q.Trim());
        var (items, next) = await index.ListAsync(filter, cursor, size, cancellationToken);
        return TypedResults.Ok(new TicketListResponse(items, next));
    }

    private static async Task<Results<Created<TicketCreatedResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, TicketDesk desk, TicketCredentials credentials, ISessionStore sessions, IOptions<TicketOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateTicketRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var limits = options.Value;
        var languageProblem = TicketRequests.Language(body!.Language, out var language);
        if ((TicketRequests.Contact(body, out var contact) ?? TicketRequests.Text(body.Subject, "subject", limits.MaxSubjectLength, required: true)
                ?? TicketRequests.Text(body.Description, "description", limits.MaxDescriptionLength, required: false) ?? languageProblem) is { } invalid)
        {
            return invalid;
        }

        var (session, sessionProblem) = await TicketRequests.SessionAsync(body.SessionId, sessions, cancellationToken);
        if (sessionProblem is not null)
        {
            return sessionProblem;
        }

        var number = await desk.ReserveNumberAsync(cancellationToken);
        var opened = await desk.OpenAsync(new TicketDraft(
            number, contact, body.Language is null ? session?.Language ?? language : language, body.Priority ?? TicketPriority.Medium, TicketSource.Operator,
            body.Subject!.Trim(), body.Description?.Trim() ?? string.Empty, session?.Id, session?.LastSequence ?? 0, user.Username()), cancellationToken);
        return opened.Rejection is { } rejection
            ? Problems.For(rejection, request.HttpContext)
            : TypedResults.Created($"/api/operator/tickets/{number}", new TicketCreatedResponse(number.ToString(), opened.State!.Status, credentials.AccessCode(number)));
    }

    private static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> DetailAsync(
        string number, TicketStore store, ISessionStore sessions, NotificationStore notifications, CancellationToken cancellationToken)
    {
        if (!TicketNumber.TryParse(number, out var parsed))
        {
            return Problems.InvalidTicketNumber();
        }

        if (await store.ReadStateAsync(parsed, cancellationToken) is not { } state)
        {
            return Problems.For(TicketAggregate.Missing);
        }

        var entries = await store.ReadEntriesAsync(parsed, cancellationToken);
        IReadOnlyList<MessageDto> transcript = [];
        if (state.Session is { } session && state.TranscriptTo > 0)
        {
            var page = await sessions.ReadMessagesAsync(session, 0, (int)state.TranscriptTo, cancellationToken);
            transcript = page?.Messages.Select(m => MessageDto.From(session, m)).ToList() ?? [];
        }

        var sent = await notifications.ListForTicketAsync(parsed.ToString(), cancellationToken);
        return TypedResults.Ok(TicketDto.From(state, entries, transcript, sent.Select(TicketNotificationDto.From).ToList()));
    }

    private static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> EditAsync(
        string number, HttpRequest request, ClaimsPrincipal user, TicketDesk desk, IOptions<TicketOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<EditTicketRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // A subject sent is a new subject, so it may not be blank; leaving it out keeps the old one.
        if ((TicketRequests.Text(body!.Subject, "subject", options.Value.MaxSubjectLength, required: body.Subject is not null)
             ?? TicketRequests.Text(body.Description, "description", options.Value.MaxDescriptionLength, required: false)) is { } invalid)
        {
            return invalid;
        }

        return await ActAsync(number, request.HttpContext, desk, new TicketEdited(user.Username()!, body.Subject?.Trim(), body.Description?.Trim(), body.Priority), cancellationToken);
    }

    private static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> AssignAsync(
        string number, HttpRequest request, ClaimsPrincipal user, TicketDesk desk, OperatorStore operators, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AssignTicketRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        string? assignee = null;
        if (!string.IsNullOrWhiteSpace(body!.Assignee))
        {
            if (OperatorFields.CheckUsername(OperatorAccount.Normalize(body.Assignee)) is { } invalid)
            {
                return invalid;
            }

            if (await operators.FindAsync(OperatorAccount.Normalize(body.Assignee), cancellationToken) is not { Active: true } account)
            {
                return Problems.NotFound("operator-not-found", "No such operator", $"There is no active operator \"{body.Assignee}\".");
            }

            assignee = account.Username;
        }

        return await ActAsync(number, request.HttpContext, desk, new TicketAssigned(user.Username()!, assignee, user.MaySupervise()), cancellationToken);
    }

    private static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> NoteAsync(
        string number, HttpRequest request, ClaimsPrincipal user, TicketDesk desk, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<TicketNoteRequest>(request, MaxBodyBytes, cancellationToken);
        return problem ?? TicketRequests.Text(body!.Text, "text", MaxNoteLength, required: true)
            ?? await ActAsync(number, request.HttpContext, desk, new TicketNoted(user.Username()!, body.Text!, body.Public), cancellationToken);
    }

    private static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> ReplyAsync(
        string number, HttpRequest request, ClaimsPrincipal user, TicketDesk desk, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<TicketReplyRequest>(request, MaxBodyBytes, cancellationToken);
        return problem ?? TicketRequests.Text(body!.Text, "text", MaxNoteLength, required: true)
            ?? await ActAsync(number, request.HttpContext, desk, new TicketReplied(user.Username()!, body.Text!), cancellationToken);
    }

    private static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> StatusAsync(
        string number, HttpRequest request, ClaimsPrincipal user, TicketDesk desk, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<TicketStatusRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return body!.Status is not { } status
            ? Problems.Invalid("invalid-status", "Status required", $"Send 'status': one of {Names<TicketStatus>()}.")
            : await ActAsync(number, request.HttpContext, desk, new TicketStatusSet(user.Username()!, status), cancellationToken);
    }

    /// <summary>Runs a staff input through the ticket; a refusal becomes its problem, the answer is the ticket as it now is.</summary>
    private static async Task<Results<Ok<TicketDto>, ProblemHttpResult>> ActAsync(
        string number, HttpContext context, TicketDesk desk, TicketInput input, CancellationToken cancellationToken)
    {
        if (!TicketNumber.TryParse(number, out var parsed))
        {
            return Problems.InvalidTicketNumber();
        }

        var run = await desk.ApplyAsync(parsed, input, cancellationToken);
        return run.Rejection is { } rejection
            ? Problems.For(rejection, context)
            : TypedResults.Ok(TicketDto.From(run.Decision!.State, run.Decision.Entries, [], []));
    }

    private static bool TryEnum<T>(string? name, out T? value)
        where T : struct, Enum
    {
        value = Enum.GetValues<T>().Where(v => WireNames.Of(v) == name).Cast<T?>().FirstOrDefault();
        return name is null || value is not null;
    }

    private static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => WireNames.Of(v)));
}
