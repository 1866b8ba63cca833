using System.Globalization;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Queue;
using Lucine.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>The visitor's side of a conversation: send a message or press a button, read the messages after a point.</summary>
public static class ChatEndpoints
{
    /// <summary>The per-address limit on opening sessions (<see cref="ChatOptions.SessionsPerAddressPerMinute"/>).</summary>
    public const string SessionOpenings = "session-openings";

    private const int MaxPageBytes = 8 * 1024;

    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/api/chat").WithTags("Chat").RequireCors(CorsPolicies.Widget);
        chat.MapPost("", PostAsync).WithName("PostChat");
        chat.MapGet("/{sessionId}/messages", GetMessagesAsync).WithName("GetChatMessages");
        chat.MapPost("/{sessionId}/page", PostPageAsync).WithName("PostChatPage");
        return app;
    }

    private static async Task<Results<Ok<ChatResponse>, ProblemHttpResult>> PostAsync(
        HttpContext context,
        Conversations conversations,
        ISessionStore store,
        SessionCredentials credentials,
        IOptions<ChatOptions> options,
        TimeProvider clock,
        [FromKeyedServices(SessionOpenings)] AddressLimiter openings,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PostChatRequest>(context.Request, options.Value.MaxRequestBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (VisitorInputs.Read(body!, options.Value, out var input) is { } invalid)
        {
            return invalid;
        }

        if (VisitorContexts.Read(body!.Context, credentials, out var visitor) is { } invalidContext)
        {
            return invalidContext;
        }

        // Counted only once the request is known to be valid and to open a session (or retry its first message).
        if (body!.SessionId is null && openings.Refuses(context) is { } wait)
        {
            AddressLimits.SetRetryAfter(context.Response, wait);
            return Problems.TooManySessions(wait);
        }

        var (id, newToken) = body.SessionId is null ? credentials.Open(body.ClientMessageId) : (default, null);
        var window = options.Value.FirstMessageReplayWindow;
        input = input with { Context = visitor, FirstMessageWindow = newToken is null ? null : window };

        if (body.SessionId is not null && (SessionIds.Parse(body.SessionId, out id) ?? VisitorAuthenticationHandler.Refusal(context, id)) is { } refused)
        {
            return refused;
        }

        // A session this very request creates is not stored yet: it need not be read first. If it is
        // (a retried first message), the insert conflicts and the runner reads it.
        var run = await conversations.RunAsync(id, input, new RunOptions(StorageScope.VisitorRequest, MayExist: newToken is null, RepeatKey: body.ClientMessageId), cancellationToken);
        if (run.Rejection is { } rejection)
        {
            return Problems.For(rejection, context);
        }

        if (newToken is not null && run is { Prior: not null, State: { } existing } && FirstMessageReplay.Refuses(existing, window, clock.GetUtcNow()))
        {
            return Problems.For(FirstMessageReplay.Expired, context);
        }

        var (state, messages) = run.Prior is { } prior
            ? await ReplayAsync(store, id, prior, cancellationToken)
            : (run.Decision!.State, run.Decision.Messages);
        var reply = messages.LastOrDefault(m => m.Sender != MessageSender.Visitor);
        return TypedResults.Ok(new ChatResponse(
            id.Value,
            newToken,
            reply?.Text ?? string.Empty,
            state.Status,
            reply?.Actions.Select(SmartActionDto.From).ToList() ?? [],
            messages.Select(m => MessageDto.From(id, m, state.Ticket)).ToList(),
            reply?.At ?? messages[^1].At,
            ContactCollection.Expecting(state)));
    }

    private static async Task<Results<Ok<MessagesResponse>, ProblemHttpResult>> GetMessagesAsync(
        string sessionId,
        string? after,
        string? limit,
        HttpContext context,
        ISessionStore store,
        QueuePositions queue,
        IOptions<ChatOptions> options,
        CancellationToken cancellationToken)
    {
        if ((SessionIds.Parse(sessionId, out var id) ?? VisitorAuthenticationHandler.Refusal(context, id)) is { } refused)
        {
            return refused;
        }

        long afterSequence = 0;
        if (after is not null && (!long.TryParse(after, CultureInfo.InvariantCulture, out afterSequence) || afterSequence < 0))
        {
            return Problems.Invalid("invalid-cursor", "Invalid cursor", "'after' must be a message sequence number (0 or more).");
        }

        var pageSize = options.Value.PageSize;
        if (limit is not null && (!int.TryParse(limit, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > options.Value.MaxPageSize))
        {
            return Problems.Invalid("invalid-limit", "Invalid limit", $"'limit' must be between 1 and {options.Value.MaxPageSize}.");
        }

        if (await store.ReadMessagesAsync(id, afterSequence, pageSize, cancellationToken) is not { } page)
        {
            return Problems.For(SessionAggregate.Missing);
        }

        var state = page.State;
        return TypedResults.Ok(new MessagesResponse(
            id.Value,
            state.Status,
            state.Language?.Code(),
            page.Messages.Select(m => MessageDto.From(id, m, state.Ticket)).ToList(),
            page.HasMore,
            page.Messages.Count > 0 ? page.Messages[^1].Sequence : afterSequence,
            state.Status == SessionStatus.Queued ? await queue.OfAsync(id, cancellationToken) : null,
            state.Operator is { } person ? new VisitorOperatorDto(person.DisplayName, person.Avatar) : null,
            ContactCollection.Expecting(state)));
    }

    /// <summary>The visitor opened another page with the chat going: kept on the session, and shown to the operator in charge.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> PostPageAsync(
        string sessionId, HttpContext context, Conversations conversations, CancellationToken cancellationToken)
    {
        if ((SessionIds.Parse(sessionId, out var id) ?? VisitorAuthenticationHandler.Refusal(context, id)) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync<PageRequest>(context.Request, MaxPageBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (VisitorContexts.Page(body!.Url, body.Title, out var page) is { } invalid)
        {
            return invalid;
        }

        var run = await conversations.RunAsync(id, new VisitorNavigated(page!), new RunOptions(StorageScope.VisitorRequest), cancellationToken);
        return run.Rejection is { } rejection ? Problems.For(rejection, context) : TypedResults.NoContent();
    }

    /// <summary>A request repeated with the same client message id gets what the first one produced, not a second answer.</summary>
    private static async Task<(SessionState State, IReadOnlyList<ChatMessage> Messages)> ReplayAsync(
        ISessionStore store, SessionId id, PriorResult prior, CancellationToken cancellationToken)
    {
        var page = await store.ReadMessagesAsync(id, prior.FirstSequence - 1, (int)(prior.LastSequence - prior.FirstSequence + 1), cancellationToken)
                   ?? throw new InvalidOperationException($"Session {id} has a record of client message {prior.Key} but no state.");
        return (page.State, page.Messages);
    }
}
