using Lucine.Domain;
using Lucine.Domain.Assistant;
using Lucine.Domain.Sessions;
using Lucine.Domain.Tickets;
using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Outbox;
using Lucine.Functions.Queue;
using Lucine.Functions.Storage;
using Lucine.Functions.Tickets;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Lucine.Functions.Chat;

/// <summary>What a visitor sent: words, or a button.</summary>
public sealed record VisitorRequest(string? Text, VisitorCommand? Command, string? ClientMessageId);

/// <summary>The visitor sent more than the session's rate allows; nothing was stored.</summary>
public sealed class VisitorMustWaitException(TimeSpan retryAfter)
    : Exception($"Too many messages; retry after {retryAfter}.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The workflow refused the input; nothing was stored.</summary>
public sealed class SessionRejectedException(SessionRejection rejection) : Exception(rejection.Detail)
{
    public SessionRejection Rejection { get; } = rejection;
}

/// <summary>The session after a visitor request, and the messages that request produced.</summary>
public sealed record ExchangeResult(SessionState State, IReadOnlyList<ChatMessage> Messages);

/// <summary>
/// An input ready for the workflow, with the operator capacity reserved for it (if any): kept when the
/// committed state gives the chat to that operator, given back otherwise.
/// </summary>
public sealed record PreparedInput(SessionInput Input, OperatorHold? Hold = null);

/// <summary>
/// Runs inputs through a session: load, decide, commit atomically, deliver the effects. If another
/// writer changed the session in between, it loads and decides again; a visitor request repeated with
/// the same client message id gets the stored exchange back instead of a second one.
/// </summary>
public sealed partial class SessionProcessor
{
    private readonly ISessionStore store;
    private readonly IAssistant assistant;
    private readonly CurrentWorkflows workflows;
    private readonly SessionLocks locks;
    private readonly OutboxDispatcher outbox;
    private readonly DeadlineIndex deadlines;
    private readonly OperatorReservations reservations;
    private readonly ParkClock clock;
    private readonly TicketDesk tickets;
    private readonly OutboxOptions outboxOptions;
    private readonly ResiliencePipeline conflictRetry;

    public SessionProcessor(
        ISessionStore store,
        IAssistant assistant,
        CurrentWorkflows workflows,
        SessionLocks locks,
        OutboxDispatcher outbox,
        DeadlineIndex deadlines,
        OperatorReservations reservations,
        ParkClock clock,
        TicketDesk tickets,
        TimeProvider time,
        IOptions<ChatOptions> chatOptions,
        IOptions<OutboxOptions> outboxOptions,
        ILogger<SessionProcessor> logger)
    {
        this.store = store;
        this.assistant = assistant;
        this.workflows = workflows;
        this.locks = locks;
        this.outbox = outbox;
        this.deadlines = deadlines;
        this.reservations = reservations;
        this.clock = clock;
        this.tickets = tickets;
        this.outboxOptions = outboxOptions.Value;
        var attempts = chatOptions.Value.CommitAttempts;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time };
        if (attempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SessionConflictException>(),
                MaxRetryAttempts = attempts - 1,
                Delay = TimeSpan.FromMilliseconds(10),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    LogConflict(logger, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            });
        }

        conflictRetry = pipeline.Build();
    }

    public async Task<ExchangeResult> HandleAsync(SessionId id, bool isNew, VisitorRequest request, CancellationToken cancellationToken)
    {
        var mayExist = !isNew;
        var (result, effects) = await RunAsync(id, async token =>
        {
            try
            {
                return await VisitorAttemptAsync(id, mayExist, request, token);
            }
            catch (SessionConflictException)
            {
                mayExist = true;
                throw;
            }
        }, StorageScope.VisitorRequest, cancellationToken);
        await DeliverAsync(effects, cancellationToken);
        return result;
    }

    /// <summary>
    /// Applies an input that <paramref name="prepare"/> builds from the current state (an operator's
    /// action, a deadline, routing). Returns the decision; a rejected one changed nothing.
    /// Null: no such session.
    /// </summary>
    public async Task<SessionDecision?> ApplyAsync(
        SessionId id, Func<SessionState, CancellationToken, Task<PreparedInput?>> prepare, string scope, CancellationToken cancellationToken)
    {
        var (decision, effects) = await RunAsync<SessionDecision?>(id, async token =>
        {
            var current = await workflows.CurrentAsync(token);
            var snapshot = await store.LoadAsync(id, null, token);
            if (snapshot is null)
            {
                return (null, []);
            }

            RecoverLeftovers(snapshot);
            if (await prepare(snapshot.State, token) is not { } prepared)
            {
                return (SessionDecision.Unchanged(snapshot.State), []);
            }

            return await DecideAndCommitAsync(current.Sessions, snapshot, snapshot.State, prepared, null, token);
        }, scope, cancellationToken);
        await DeliverAsync(effects, cancellationToken);
        return decision;
    }

    private async Task<(T Result, IReadOnlyList<PendingEffect> Effects)> RunAsync<T>(
        SessionId id, Func<CancellationToken, Task<(T, IReadOnlyList<PendingEffect>)>> attempt, string scope, CancellationToken cancellationToken)
    {
        using var storageScope = StorageScope.Enter(scope);

        // Effects are delivered after the lock is released: delivering may route the queue, which
        // may act on this very session.
        using var gate = await locks.AcquireAsync(id.Value, cancellationToken);
        return await conflictRetry.ExecuteAsync(async token => await attempt(token), cancellationToken);
    }

    private async Task<(ExchangeResult, IReadOnlyList<PendingEffect>)> VisitorAttemptAsync(
        SessionId id, bool mayExist, VisitorRequest request, CancellationToken cancellationToken)
    {
        // A session created by this very request does not exist yet: no need to read it. If it does
        // (a retried first message), the insert conflicts and the next attempt reads it.
        var snapshot = mayExist ? await store.LoadAsync(id, request.ClientMessageId, cancellationToken) : null;
        var now = clock.Now;
        if (snapshot is not null)
        {
            RecoverLeftovers(snapshot);
        }

        if (snapshot?.PriorExchange is { } prior)
        {
            return (await ReplayAsync(id, prior, cancellationToken), []);
        }

        // One knowledge base version for the whole turn: the answer and the decision on it agree.
        var current = await workflows.CurrentAsync(cancellationToken);
        var state = snapshot?.State ?? SessionState.Start(id, now);
        if (current.Sessions.VisitorMustWait(state, now) is { } wait)
        {
            throw new VisitorMustWaitException(wait);
        }

        var prepared = await VisitorInputAsync(current.Knowledge, state, request, cancellationToken);
        var (decision, effects) = await DecideAndCommitAsync(current.Sessions, snapshot, state, prepared, request.ClientMessageId, cancellationToken);
        if (decision.Rejection is { } rejection)
        {
            throw new SessionRejectedException(rejection);
        }

        return (new ExchangeResult(decision.State, decision.Messages), effects);
    }

    private async Task<(SessionDecision, IReadOnlyList<PendingEffect>)> DecideAndCommitAsync(
        SessionWorkflow workflow, SessionSnapshot? snapshot, SessionState state, PreparedInput prepared, string? clientMessageId, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var kept = false;
        try
        {
            var decision = workflow.Decide(state, prepared.Input, now);
            if (decision.IsNoChange)
            {
                return (decision, []);
            }

            // The index entry is written before the state that needs it: a crash in between leaves an
            // entry the sweep finds stale, never a deadline nobody will sweep. An ended conversation has
            // no deadline, but its last effects (the ticket it became) must not wait for a visitor who
            // may never come back: the sweep looks at it once they are overdue and hands them over again.
            var indexed = snapshot?.IndexedDeadline;
            var due = decision.State.Deadline?.At ?? now + outboxOptions.RedeliveryGrace + TimeSpan.FromSeconds(1);
            if (indexed is not { } at || due < at || at <= now)
            {
                await deadlines.AddAsync(state.Id, due, cancellationToken);
                indexed = due;
            }

            var exchange = clientMessageId is not null
                ? new ExchangeRecord(clientMessageId, decision.Messages[0].Sequence, decision.Messages[^1].Sequence)
                : null;
            var effects = await store.CommitAsync(
                new SessionCommit(decision.State, snapshot?.Version, decision.Messages, exchange, decision.Effects, indexed), cancellationToken);
            kept = prepared.Hold is { } hold && decision.State.Operator?.Username == hold.Username;
            return (decision, effects);
        }
        finally
        {
            if (prepared.Hold is { } hold && !kept)
            {
                await reservations.ReleaseAsync(hold, CancellationToken.None);
            }
        }
    }

    private async Task<PreparedInput> VisitorInputAsync(KnowledgeBase knowledge, SessionState state, VisitorRequest request, CancellationToken cancellationToken)
    {
        // The confirmation tells the ticket's number, so it is reserved before deciding (a retry may leave a gap, never a duplicate).
        var newTicket = SessionWorkflow.OpensTicket(state, request.Text, request.Command)
            ? await tickets.ReserveNumberAsync(cancellationToken)
            : (TicketNumber?)null;
        if (request.Command is { } command)
        {
            if (command != VisitorCommand.RequestOperator)
            {
                return new PreparedInput(new VisitorPressed(command, request.ClientMessageId, NewTicket: newTicket));
            }

            var (routing, hold) = await reservations.PrepareAsync(state.Id, except: null, cancellationToken);
            return new PreparedInput(new VisitorPressed(command, request.ClientMessageId, routing), hold);
        }

        var text = request.Text ?? throw new ArgumentException("A visitor request carries a text or a command.", nameof(request));
        var answer = SessionWorkflow.AssistantAnswers(state)
            ? await assistant.AnswerAsync(knowledge, new AssistantQuestion(text, state.Language, clock.Today, await HistoryAsync(state, cancellationToken)), cancellationToken)
            : null;
        return new PreparedInput(new VisitorWrote(text, request.ClientMessageId, answer, newTicket));
    }

    /// <summary>The conversation so far, as far back as the assistant remembers (nothing is read for one that does not).</summary>
    private async Task<IReadOnlyList<ChatMessage>> HistoryAsync(SessionState state, CancellationToken cancellationToken)
    {
        var memory = assistant.ConversationMemory;
        if (memory == 0 || state.LastSequence == 0)
        {
            return [];
        }

        var page = await store.ReadMessagesAsync(state.Id, Math.Max(0, state.LastSequence - memory), memory, cancellationToken);
        return page?.Messages ?? [];
    }

    /// <summary>Effects older than the grace period were left behind (a crash, an outage): hand them over again.</summary>
    private void RecoverLeftovers(SessionSnapshot snapshot) =>
        outbox.Enqueue(snapshot.PendingEffects.Where(e => e.StoredAt < clock.Now - outboxOptions.RedeliveryGrace));

    /// <summary>Analytics can wait for the background dispatch; everything else is delivered before answering.</summary>
    private async Task DeliverAsync(IReadOnlyList<PendingEffect> effects, CancellationToken cancellationToken)
    {
        outbox.Enqueue(effects.Where(e => e.Effect is RecordAnalytics));
        await outbox.DeliverNowAsync(effects.Where(e => e.Effect is not RecordAnalytics).ToList(), cancellationToken);
    }

    private async Task<ExchangeResult> ReplayAsync(SessionId id, ExchangeRecord prior, CancellationToken cancellationToken)
    {
        var count = (int)(prior.LastSequence - prior.FirstSequence + 1);
        var page = await store.ReadMessagesAsync(id, prior.FirstSequence - 1, count, cancellationToken)
                   ?? throw new InvalidOperationException($"Session {id} has an exchange record but no state.");
        return new ExchangeResult(page.State, page.Messages);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The session changed under this request; deciding again (attempt {Attempt}).")]
    private static partial void LogConflict(ILogger logger, int attempt);
}
