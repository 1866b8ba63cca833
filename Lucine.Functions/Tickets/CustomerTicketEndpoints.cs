using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>
/// The customer's side of tickets: open one from a contact form (rate limited per address), read one
/// with its access code, and reopen its conversation in the widget with the resume link.
/// </summary>
public static class CustomerTicketEndpoints
{
    public const string RateLimitPolicy = "public-tickets";

    private const int MaxBodyBytes = 32 * 1024;

    public static IEndpointRouteBuilder MapCustomerTicketEndpoints(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets").RequireCors(CorsPolicies.Widget).RequireRateLimiting(RateLimitPolicy);
        tickets.MapPost("", CreateAsync).WithName("PostTicket");
        tickets.MapGet("/{number}", ReadAsync).WithName("GetTicket");
        tickets.MapPost("/resume", ResumeAsync).WithName("ResumeTicket");
        return app;
    }

    private static async Task<Results<Created<TicketCreatedResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request,
        TicketDesk desk,
        TicketCredentials credentials,
        SessionCredentials sessionCredentials,
        ISessionStore sessions,
        WindowCounter counter,
        ClientAddress clientAddress,
        ParkClock clock,
        IOptions<TicketOptions> options,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateTicketRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var limits = options.Value;
        var languageProblem = TicketRequests.Language(body!.Language, out var language);
        if ((TicketRequests.Contact(body, out var contact) ?? TicketRequests.Text(body.Message, "message", limits.MaxDescriptionLength, required: true)
                ?? TicketRequests.Text(body.Subject, "subject", limits.MaxSubjectLength, required: false) ?? languageProblem) is { } invalid)
        {
            return invalid;
        }

        if (body.SessionId is not null && (!SessionId.TryParse(body.SessionId, out var claimed) || sessionCredentials.Verify(body.SessionToken) != claimed))
        {
            // Attaching a conversation needs proof that it is the caller's own.
            return Problems.InvalidSessionToken();
        }

        var (session, sessionProblem) = await TicketRequests.SessionAsync(body.SessionId, sessions, cancellationToken);
        if (sessionProblem is not null)
        {
            return sessionProblem;
        }

        var (count, windowEnds) = await counter.IncrementAsync("ticket-ip|" + clientAddress.Of(request.HttpContext), TimeSpan.FromHours(1), cancellationToken);
        if (count > limits.PublicCreatesPerHour)
        {
            var wait = windowEnds - clock.Now;
            request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.TooManyTickets(wait);
        }

        var message = body.Message!.Trim();
        var subject = body.Subject?.Trim() is { Length: > 0 } given ? given : TicketDraft.SubjectFrom(message, limits.MaxSubjectLength);
        var number = await desk.ReserveNumberAsync(cancellationToken);
        var opened = await desk.OpenAsync(new TicketDraft(
            number, contact, language, TicketPriority.Medium, TicketSource.Api, subject, message, session?.Id, session?.LastSequence ?? 0), cancellationToken);
        return opened.Rejection is { } rejection
            ? Problems.For(rejection, request.HttpContext)
            : TypedResults.Created($"/api/tickets/{number}", new TicketCreatedResponse(number.ToString(), opened.State!.Status, credentials.AccessCode(number)));
    }

    private static async Task<Results<Ok<CustomerTicketDto>, ProblemHttpResult>> ReadAsync(
        string number, string? access, HttpRequest request, TicketStore store, TicketCredentials credentials, CancellationToken cancellationToken)
    {
        if (credentials.Refusal(number, access, request, out var parsed) is { } refused)
        {
            return refused;
        }

        if (await store.ReadStateAsync(parsed, cancellationToken) is not { } state)
        {
            return Problems.For(TicketAggregate.Missing);
        }

        var entries = await store.ReadEntriesAsync(parsed, cancellationToken);
        return TypedResults.Ok(new CustomerTicketDto(state.Number.ToString(), state.Status, state.Subject, state.CreatedAt, state.UpdatedAt,
            entries.Where(e => e.IsShownToCustomer).Select(CustomerTicketEntryDto.From).ToList()));
    }

    private static async Task<Results<Ok<ResumeResponse>, ProblemHttpResult>> ResumeAsync(
        HttpRequest request, TicketCredentials credentials, TicketStore store, Conversations conversations, SessionCredentials sessionCredentials,
        OperatorStore operators, ParkClock clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ResumeRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        switch (credentials.CheckResume(body!.Token, clock.Now, out var number))
        {
            case ResumeCheck.Expired:
                return Problems.ResumeLinkExpired();
            case ResumeCheck.Invalid:
                return Problems.InvalidResumeLink();
        }

        if (await store.ReadStateAsync(number, cancellationToken) is not { Session: { } session })
        {
            return Problems.For(TicketAggregate.Missing);
        }

        // The customer sees the staff by the names they chat under, as in a live chat.
        var entries = (await store.ReadEntriesAsync(number, cancellationToken)).Where(e => e.IsPublic).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var author in entries.Select(e => e.Author).Distinct())
        {
            names[author] = (await operators.FindAsync(author, cancellationToken))?.DisplayName ?? author;
        }

        var replies = entries.Select(e => new StaffReply(names[e.Author], e.Text)).ToList();
        var run = await conversations.RunAsync(session, new VisitorResumes(number, replies), new RunOptions(StorageScope.VisitorRequest), cancellationToken);
        return run.Rejection is { } rejection
            ? Problems.For(rejection, request.HttpContext)
            : TypedResults.Ok(new ResumeResponse(session.Value, sessionCredentials.TokenFor(session), number.ToString(), run.State!.Status));
    }
}
