using System.Security.Claims;
using Lucine.Domain;
using Lucine.Domain.Queue;
using Lucine.Domain.Sessions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Queue;
using Lucine.Functions.Realtime;
using Lucine.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>
/// What operators do with chats: see the queue and their chats, take, write, transfer, release, close,
/// leave notes. The acting operator is always the token's subject, never a field of the body.
/// </summary>
public static class OperatorChatFunctions
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxNoteLength = 2000;

    public static IEndpointRouteBuilder MapOperatorChatFunctions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operator").WithTags("Operator chats").RequireAuthorization(LucineIdentity.OperatorPolicy);
        group.MapGet("/queue", QueueAsync).WithName("OperatorQueue");
        group.MapGet("/chats", MyChatsAsync).WithName("OperatorChats");
        group.MapGet("/chats/{sessionId}", HistoryAsync).WithName("OperatorChatHistory");
        group.MapPost("/chats/{sessionId}/take", TakeAsync).WithName("OperatorTake");
        group.MapPost("/chats/{sessionId}/messages", WriteAsync).WithName("OperatorMessage");
        group.MapPost("/chats/{sessionId}/transfer", TransferAsync).WithName("OperatorTransfer");
        group.MapPost("/chats/{sessionId}/release", ReleaseAsync).WithName("OperatorRelease");
        group.MapPost("/chats/{sessionId}/close-request", CloseRequestAsync).WithName("OperatorCloseRequest");
        group.MapPost("/chats/{sessionId}/close", CloseAsync).WithName("OperatorClose");
        group.MapPost("/chats/{sessionId}/notes", AddNoteAsync).WithName("OperatorNote");
        return app;
    }

    private static async Task<Ok<ItemsResponse<QueueItem>>> QueueAsync(QueueIndex queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await queue.ListAsync(cancellationToken);
        return TypedResults.Ok(new ItemsResponse<QueueItem>(QueuePolicy.Positions(waiting.Select(w => w.Entry))
            .Zip(waiting, (p, w) => new QueueItem(p.Entry.SessionId.Value, p.Position, p.Entry.Priority, p.Entry.QueuedAt,
                (long)(now - p.Entry.QueuedAt).TotalSeconds, w.Preview))
            .ToList()));
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
        string sessionId, ISessionStore sessions, QueueIndex queue, OperatorStore operators, QueuePolicy policy, IOptions<ChatOptions> options, CancellationToken cancellationToken)
    {
        if (!SessionId.TryParse(sessionId, out var id))
        {
            return InvalidSessionId();
        }

        var messages = new List<ChatMessage>();
        SessionState? state = null;
        long after = 0;
        while (true)
        {
            var page = await sessions.ReadMessagesAsync(id, after, options.Value.MaxPageSize, cancellationToken);
            if (page is null)
            {
                return Problems.SessionNotFound();
            }

            state = page.State;
            messages.AddRange(page.Messages);
            if (!page.HasMore || page.Messages.Count == 0)
            {
                break;
            }

            after = page.Messages[^1].Sequence;
        }

        var notes = await sessions.ReadNotesAsync(id, cancellationToken);
        var queueInfo = state.Status == SessionStatus.Queued ? await QueueInfoAsync(id, queue, operators, policy, cancellationToken) : null;
        return TypedResults.Ok(new ChatHistory(
            id.Value, state.Status, state.Outcome, OperatorDto.From(state.Operator), state.Language?.Code(), state.StartedAt,
            messages.Select(m => MessageDto.From(id, m)).ToList(), notes.Select(NoteDto.From).ToList(), queueInfo));
    }

    /// <summary>The visitor's place in the queue and the wait to expect, as the polling endpoint also shows it.</summary>
    public static async Task<QueueInfo?> QueueInfoAsync(SessionId id, QueueIndex queue, OperatorStore operators, QueuePolicy policy, CancellationToken cancellationToken)
    {
        var waiting = await queue.ListAsync(cancellationToken);
        var position = QueuePolicy.Positions(waiting.Select(w => w.Entry)).FirstOrDefault(p => p.Entry.SessionId == id).Position;
        if (position == 0)
        {
            return null;
        }

        var staffing = OperatorRouting.Staffing((await operators.ListAsync(cancellationToken)).Select(o => o.Load).ToList());
        return new QueueInfo(position, policy.EstimatedWaitMinutes(position, staffing));
    }

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> TakeAsync(
        string sessionId, ClaimsPrincipal user, OperatorStore operators, OperatorReservations reservations, SessionProcessor processor, CancellationToken cancellationToken)
    {
        if (!SessionId.TryParse(sessionId, out var id))
        {
            return InvalidSessionId();
        }

        var reservation = Reservation.Unknown;
        var decision = await processor.ApplyAsync(id, async (state, token) =>
        {
            if (state.Status != SessionStatus.Queued)
            {
                // Let the workflow say why, without reserving anything.
                return new PreparedInput(new OperatorTakes(new OperatorRef(user.Username()!, user.Username()!, null), ByRouting: false));
            }

            // A manual take may go past "away", but never past capacity.
            var (result, account) = await reservations.ReserveAsync(user.Username()!, id, requireOnline: false, token);
            reservation = result;
            return result == Reservation.Reserved && account is not null
                ? new PreparedInput(new OperatorTakes(account.Ref, ByRouting: false), new OperatorHold(account.Username, id))
                : null;
        }, StorageScope.OperatorRequest, cancellationToken);

        return decision switch
        {
            null => Problems.SessionNotFound(),
            { Rejection: { } rejection } => Problems.Rejected(rejection),
            { IsNoChange: true } when reservation == Reservation.AtCapacity =>
                Problems.Conflict("operator-at-capacity", "At capacity", "You already have as many chats as your capacity allows; close or release one first."),
            { IsNoChange: true } => Problems.Conflict("chat-not-waiting", "Not waiting", "This chat could not be taken now."),
            _ => TypedResults.Ok(ChatSummary.From(decision.State)),
        };
    }

    private static async Task<Results<Ok<OperatorMessageResponse>, ProblemHttpResult>> WriteAsync(
        string sessionId, HttpRequest request, ClaimsPrincipal user, OperatorStore operators, SessionProcessor processor, IOptions<ChatOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<OperatorMessageRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ChatFunctions.ValidateText(body!.Text, options.Value) is { } invalid)
        {
            return invalid;
        }

        var result = await ActAsync(sessionId, user, operators, processor, account => new OperatorWrites(account.Ref, account.MaySupervise, body.Text!, body.ClientMessageId), cancellationToken);
        return result.Problem is { } failed
            ? failed
            : TypedResults.Ok(new OperatorMessageResponse(MessageDto.From(result.Decision!.State.Id, result.Decision.Messages.Last(m => m.Sender == MessageSender.Operator))));
    }

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> TransferAsync(
        string sessionId, HttpRequest request, ClaimsPrincipal user, OperatorStore operators, OperatorReservations reservations, SessionProcessor processor, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<TransferRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.To) || !SessionId.TryParse(sessionId, out var id))
        {
            return string.IsNullOrWhiteSpace(body.To) ? Problems.Invalid("invalid-transfer", "Target required", "Send 'to': the username of the operator who takes over.") : InvalidSessionId();
        }

        if (await operators.FindAsync(user.Username()!, cancellationToken) is not { } me)
        {
            return Problems.InvalidOperatorToken();
        }

        var target = OperatorAccount.Normalize(body.To);
        var reservation = Reservation.Unknown;
        var decision = await processor.ApplyAsync(id, async (state, token) =>
        {
            if (state.Operator?.Username == target || (state.Operator?.Username != me.Username && !me.MaySupervise))
            {
                // Let the workflow refuse it, without reserving anything.
                return new PreparedInput(new OperatorTransfers(me.Ref, me.MaySupervise, state.Operator ?? me.Ref));
            }

            var (result, account) = await reservations.ReserveAsync(target, id, requireOnline: true, token);
            reservation = result;
            return result == Reservation.Reserved && account is not null
                ? new PreparedInput(new OperatorTransfers(me.Ref, me.MaySupervise, account.Ref), new OperatorHold(account.Username, id))
                : null;
        }, StorageScope.OperatorRequest, cancellationToken);

        return decision switch
        {
            null => Problems.SessionNotFound(),
            { Rejection: { } rejection } => Problems.Rejected(rejection),
            { IsNoChange: true } => reservation == Reservation.Unknown
                ? Problems.NotFound("operator-not-found", "No such operator", $"There is no operator \"{target}\".")
                : Problems.Conflict("operator-unavailable", "Operator unavailable", $"\"{target}\" is not online or has no free capacity."),
            _ => TypedResults.Ok(ChatSummary.From(decision.State)),
        };
    }

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> ReleaseAsync(
        string sessionId, ClaimsPrincipal user, OperatorStore operators, SessionProcessor processor, QueueRouter router, CancellationToken cancellationToken) =>
        await SummaryAsync(await ActAsync(sessionId, user, operators, processor, account => new OperatorReleases(account.Ref, account.MaySupervise), cancellationToken), router, cancellationToken);

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> CloseRequestAsync(
        string sessionId, ClaimsPrincipal user, OperatorStore operators, SessionProcessor processor, CancellationToken cancellationToken) =>
        await SummaryAsync(await ActAsync(sessionId, user, operators, processor, account => new OperatorAsksToClose(account.Ref, account.MaySupervise), cancellationToken), null, cancellationToken);

    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> CloseAsync(
        string sessionId, HttpRequest request, ClaimsPrincipal user, OperatorStore operators, SessionProcessor processor, QueueRouter router, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<CloseRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Outcome is not { } outcome || outcome == SessionOutcome.ConvertedToTicket)
        {
            return Problems.Invalid("invalid-outcome", "Outcome required", "Send 'outcome': one of resolved, not_resolved, abandoned, cancelled.");
        }

        return await SummaryAsync(await ActAsync(sessionId, user, operators, processor, account => new OperatorCloses(account.Ref, account.MaySupervise, outcome), cancellationToken), router, cancellationToken);
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

        if (!SessionId.TryParse(sessionId, out var id))
        {
            return InvalidSessionId();
        }

        if (await sessions.ReadStateAsync(id, cancellationToken) is null)
        {
            return Problems.SessionNotFound();
        }

        var note = await sessions.AddNoteAsync(id, user.FindFirstValue(ClaimTypes.Name) ?? user.Username()!, body.Text, clock.GetUtcNow(), cancellationToken);
        return TypedResults.Created($"/api/operator/chats/{id.Value}", NoteDto.From(note));
    }

    private sealed record ActResult(SessionDecision? Decision, ProblemHttpResult? Problem);

    /// <summary>Runs an operator's input through the session as the token's operator, mapping refusals to problems.</summary>
    private static async Task<ActResult> ActAsync(
        string sessionId, ClaimsPrincipal user, OperatorStore operators, SessionProcessor processor, Func<OperatorAccount, OperatorInput> input, CancellationToken cancellationToken)
    {
        if (!SessionId.TryParse(sessionId, out var id))
        {
            return new ActResult(null, InvalidSessionId());
        }

        if (await operators.FindAsync(user.Username()!, cancellationToken) is not { } account)
        {
            return new ActResult(null, Problems.InvalidOperatorToken());
        }

        var decision = await processor.ApplyAsync(id, (_, _) => Task.FromResult<PreparedInput?>(new PreparedInput(input(account))), StorageScope.OperatorRequest, cancellationToken);
        return decision switch
        {
            null => new ActResult(null, Problems.SessionNotFound()),
            { Rejection: { } rejection } => new ActResult(null, Problems.Rejected(rejection)),
            _ => new ActResult(decision, null),
        };
    }

    /// <summary>The chat's new state; when it freed the operator's capacity, the queue is routed before answering.</summary>
    private static async Task<Results<Ok<ChatSummary>, ProblemHttpResult>> SummaryAsync(ActResult result, QueueRouter? router, CancellationToken cancellationToken)
    {
        if (result.Problem is { } problem)
        {
            return problem;
        }

        if (router is not null)
        {
            await router.RouteAsync(cancellationToken);
        }

        return TypedResults.Ok(ChatSummary.From(result.Decision!.State));
    }

    private static ProblemHttpResult InvalidSessionId() =>
        Problems.Invalid("invalid-session-id", "Invalid session id", "The session id in the path is not a session id Lucine issued.");
}
