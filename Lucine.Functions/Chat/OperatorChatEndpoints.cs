using System.Security.Claims;
using Lucine.Functions.Decisions;
using Lucine.Functions.History;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Queue;
using Lucine.Functions.Realtime;
using Lucine.Functions.Satisfaction;
using Lucine.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>
/// What operators do with chats: see theirs, read one, write, transfer, release, close, leave notes.
/// The acting operator is always the token's, never a field of the body. An operator reads a chat that
/// is queued, theirs, or ended while theirs, and notes only their own; supervisors read and note any
/// (<see cref="ChatAccess"/>, the matrix in <see cref="Permissions"/>).
/// </summary>
public static class OperatorChatEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxNoteLength = 2000;
    private const int MaxEarlierConversations = 10;

    public static IEndpointRouteBuilder MapOperatorChatEndpoints(this IEndpointRouteBuilder app)
    {
        var chats = app.MapGroup("/api/operator/chats").WithTags("Operator chats").RequireAuthorization(LucineIdentity.OperatorPolicy);
        chats.MapGet("", MyChatsAsync).WithName("OperatorChats");
        chats.MapGet("/{sessionId}", HistoryAsync).WithName("OperatorChatHistory");
        chats.MapPost("/{sessionId}/messages", WriteAsync).WithName("OperatorMessage");
        chats.MapPost("/{sessionId}/transfer", TransferAsync).WithName("OperatorTransfer");
        chats.MapPost("/{sessionId}/release", ReleaseAsync).WithName("OperatorRelease");
        chats.MapPost("/{sessionId}/close-request", CloseRequestAsync).WithName("OperatorCloseRequest");
        chats.MapPost("/{sessionId}/close", CloseAsync).WithName("OperatorClose");
        chats.MapPost("/{sessionId}/notes", AddNoteAsync).WithName("OperatorNote");
        return app;
    }

    private static async Task<Results<Ok<ItemsResponse<ChatItem>>, ProblemHttpResult>> MyChatsAsync(
        ClaimsPrincipal user, OperatorStore operators, ISessionStore sessions, CancellationToken cancellationToken)
    {
        if (await operators.FindAsync(user.Username()!, cancellationToken) is not { } account)
        {
            return Problems.InvalidOperatorToken();
        }

        var items = new List<ChatItem>();
        foreach (var chat in account.Chats)
        {
            if (!SessionId.TryParse(chat, out var id) || await sessions.ReadStateAsync(id, cancellationToken) is not { } state)
            {
                continue;
            }

            if (state.Operator?.Username != account.Username)
            {
                // A slot held for a chat that is not this operator's (a crash between reserving and
                // committing): give it back now that it shows.
                await operators.ReleaseAsync(account.Username, id, cancellationToken);
                continue;
            }

            var last = state.LastSequence > 0 ? (await sessions.ReadMessagesAsync(id, state.LastSequence - 1, 1, cancellationToken))?.Messages.FirstOrDefault() : null;
            items.Add(new ChatItem(id.Value, state.Status, state.OperatorSince, state.Language?.Code(), last is null ? null : MessageDto.From(id, last)));
        }

        return TypedResults.Ok(new ItemsResponse<ChatItem>(items));
    }

    private static async Task<Results<Ok<ChatHistory>, ProblemHttpResult>> HistoryAsync(
        string sessionId, ClaimsPrincipal user, ISessionStore sessions, QueuePositions queue, ConversationIndex conversations, IOptions<ChatOptions> options, CancellationToken cancellationToken)
    {
        if (SessionIds.Parse(sessionId, out var id) is { } invalid)
        {
            return invalid;
        }

        if (await sessions.ReadAllMessagesAsync(id, options.Value.MaxPageSize, cancellationToken) is not { } transcript)
        {
            return Problems.For(SessionAggregate.Missing);
        }

        var (state, messages) = (transcript.State, transcript.Messages);
        if (ChatAccess.ToRead(state, user.Username()!, user.MaySupervise()) is { } refused)
        {
            return Problems.For(refused);
        }

        var notes = await sessions.ReadNotesAsync(id, cancellationToken);
        var queueInfo = state.Status == SessionStatus.Queued ? await queue.OfAsync(id, cancellationToken) : null;
        var earlier = state.Context?.Visitor is { } visitor ? await conversations.EarlierAsync(visitor, id, state.StartedAt, MaxEarlierConversations, cancellationToken) : [];
        return TypedResults.Ok(new ChatHistory(
            id.Value, state.Status, state.Outcome, OperatorDto.From(state.Operator), state.Language?.Code(), state.StartedAt,
            messages.Select(m => MessageDto.From(id, m)).ToList(), notes.Select(NoteDto.From).ToList(), queueInfo)
        {
            Context = VisitorContextDto.From(state.Context),
            Earlier = earlier,
            Rating = RatingDto.From(state.Rating),
        });
    }

    private static async Task<Results<Ok<OperatorMessageResponse>, ProblemHttpResult>> WriteAsync(
        string sessionId, HttpContext context, Conversations conversations, IOptions<ChatOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<OperatorMessageRequest>(context.Request, MaxBodyBytes, cancellationToken);
        if ((problem ?? VisitorInputs.Text(body!.Text, options.Value)) is { } invalid)
        {
            return invalid;
        }

        var user = context.User;
        var (decision, refused) = await ActAsync(sessionId, context, conversations, new OperatorWrites(user.Operator(), user.MaySupervise(), body!.Text!, body.ClientMessageId), cancellationToken);
        return refused ?? (Results<Ok<OperatorMessageResponse>, ProblemHttpResult>)TypedResults.Ok(
            new OperatorMessageResponse(MessageDto.From(decision!.State.Id, decision.Messages.Last(m => m.Sender == MessageSender.Operator))));
    }

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> TransferAsync(
        string sessionId, HttpContext context, Conversations conversations, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<TransferRequest>(context.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.To))
        {
            return Problems.Invalid("invalid-transfer", "Target required", "Send 'to': the username of the operator who takes over.");
        }

        if (OperatorFields.CheckUsername(OperatorAccount.Normalize(body.To)) is { } invalid)
        {
            return invalid;
        }

        var user = context.User;
        return Summary(await ActAsync(sessionId, context, conversations, new OperatorTransfers(user.Operator(), user.MaySupervise(), OperatorAccount.Normalize(body.To)), cancellationToken));
    }

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> ReleaseAsync(
        string sessionId, HttpContext context, Conversations conversations, QueueRouter router, CancellationToken cancellationToken) =>
        await RoutedAsync(await ActAsync(sessionId, context, conversations, new OperatorReleases(context.User.Operator(), context.User.MaySupervise()), cancellationToken), router, cancellationToken);

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> CloseRequestAsync(
        string sessionId, HttpContext context, Conversations conversations, CancellationToken cancellationToken) =>
        Summary(await ActAsync(sessionId, context, conversations, new OperatorAsksToClose(context.User.Operator(), context.User.MaySupervise()), cancellationToken));

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> CloseAsync(
        string sessionId, HttpContext context, Conversations conversations, QueueRouter router, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<CloseRequest>(context.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Outcome is not { } outcome || outcome == SessionOutcome.ConvertedToTicket)
        {
            return Problems.Invalid("invalid-outcome", "Outcome required", "Send 'outcome': one of resolved, not_resolved, abandoned, cancelled.");
        }

        return await RoutedAsync(
            await ActAsync(sessionId, context, conversations, new OperatorCloses(context.User.Operator(), context.User.MaySupervise(), outcome), cancellationToken),
            router,
            cancellationToken);
    }

    private static async Task<Results<Created<NoteDto>, ProblemHttpResult>> AddNoteAsync(
        string sessionId, HttpRequest request, ClaimsPrincipal user, ISessionStore sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<NoteRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Text) || body.Text.Length > MaxNoteLength)
        {
            return Problems.Invalid("invalid-note", "Invalid note", $"Send 'text' of 1 to {MaxNoteLength} characters.");
        }

        if (!PlainText.IsAcceptable(body.Text))
        {
            return Problems.InvalidCharacters("The note");
        }

        if (SessionIds.Parse(sessionId, out var id) is { } invalid)
        {
            return invalid;
        }

        if (await sessions.ReadStateAsync(id, cancellationToken) is not { } state)
        {
            return Problems.For(SessionAggregate.Missing);
        }

        if (ChatAccess.ToNote(state, user.Username()!, user.MaySupervise()) is { } refused)
        {
            return Problems.For(refused);
        }

        var note = await sessions.AddNoteAsync(id, user.Operator().DisplayName, body.Text, clock.GetUtcNow(), cancellationToken);
        return TypedResults.Created($"/api/operator/chats/{id.Value}", NoteDto.From(note));
    }

    /// <summary>Runs an operator's input through the chat: the decision, or the problem the refusal means.</summary>
    private static async Task<(SessionDecision? Decision, ProblemHttpResult? Refused)> ActAsync(
        string sessionId, HttpContext context, Conversations conversations, OperatorInput input, CancellationToken cancellationToken)
    {
        if (SessionIds.Parse(sessionId, out var id) is { } invalid)
        {
            return (null, invalid);
        }

        var run = await conversations.RunAsync(id, input, new RunOptions(StorageScope.OperatorRequest), cancellationToken);
        return run.Rejection is { } rejection ? (null, Problems.For(rejection, context)) : (run.Decision, null);
    }

    private static Results<Ok<ChatSummary>, ProblemHttpResult> Summary((SessionDecision? Decision, ProblemHttpResult? Refused) acted) =>
        acted.Refused is { } refused ? refused : TypedResults.Ok(ChatSummary.From(acted.Decision!.State));

    /// <summary>The chat's new state, once the capacity it freed has been offered to the queue.</summary>
    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> RoutedAsync(
        (SessionDecision? Decision, ProblemHttpResult? Refused) acted, QueueRouter router, CancellationToken cancellationToken)
    {
        if (acted.Refused is null)
        {
            await router.RouteAsync(cancellationToken);
        }

        return Summary(acted);
    }
}
