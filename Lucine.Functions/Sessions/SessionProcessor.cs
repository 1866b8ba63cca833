using Lucine.Domain;
using Lucine.Domain.Assistant;
using Lucine.Domain.Sessions;
using Lucine.Functions.Assistant;
using Lucine.Functions.Outbox;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Lucine.Functions.Sessions;

/// <summary>What a visitor sent: words, or a button.</summary>
public sealed record VisitorRequest(string? Text, VisitorCommand? Command, string? ClientMessageId);

/// <summary>The visitor sent more than the session's rate allows; nothing was stored.</summary>
public sealed class VisitorMustWaitException(TimeSpan retryAfter)
    : Exception($"Too many messages; retry after {retryAfter}.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The session after a visitor request, and the messages that request produced.</summary>
public sealed record ExchangeResult(SessionState State, IReadOnlyList<ChatMessage> Messages);

/// <summary>
/// Runs one visitor request through a session: load, decide, commit atomically, dispatch the effects.
/// If another writer changed the session in between, it loads and decides again; a request repeated
/// with the same client message id gets the stored exchange back instead of a second one.
/// </summary>
public sealed partial class SessionProcessor
{
    private readonly ISessionStore store;
    private readonly IAssistant assistant;
    private readonly SessionWorkflow workflow;
    private readonly SessionLocks locks;
    private readonly OutboxDispatcher outbox;
    private readonly ParkClock clock;
    private readonly OutboxOptions outboxOptions;
    private readonly ResiliencePipeline<ExchangeResult> conflictRetry;

    public SessionProcessor(
        ISessionStore store,
        IAssistant assistant,
        SessionWorkflow workflow,
        SessionLocks locks,
        OutboxDispatcher outbox,
        ParkClock clock,
        TimeProvider time,
        IOptions<ChatOptions> chatOptions,
        IOptions<OutboxOptions> outboxOptions,
        ILogger<SessionProcessor> logger)
    {
        this.store = store;
        this.assistant = assistant;
        this.workflow = workflow;
        this.locks = locks;
        this.outbox = outbox;
        this.clock = clock;
        this.outboxOptions = outboxOptions.Value;
        var attempts = chatOptions.Value.CommitAttempts;
        var pipeline = new ResiliencePipelineBuilder<ExchangeResult> { TimeProvider = time };
        if (attempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions<ExchangeResult>
            {
                ShouldHandle = new PredicateBuilder<ExchangeResult>().Handle<SessionConflictException>(),
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
        using var storageScope = StorageScope.Enter(StorageScope.VisitorRequest);
        using var gate = await locks.AcquireAsync(id.Value, cancellationToken);
        var mayExist = !isNew;
        return await conflictRetry.ExecuteAsync(
            async token =>
            {
                try
                {
                    return await AttemptAsync(id, mayExist, request, token);
                }
                catch (SessionConflictException)
                {
                    mayExist = true;
                    throw;
                }
            },
            cancellationToken);
    }

    private async Task<ExchangeResult> AttemptAsync(SessionId id, bool mayExist, VisitorRequest request, CancellationToken cancellationToken)
    {
        // A session created by this very request does not exist yet: no need to read it. If it does
        // (a retried first message), the insert conflicts and the next attempt reads it.
        var snapshot = mayExist ? await store.LoadAsync(id, request.ClientMessageId, cancellationToken) : null;
        var now = clock.Now;
        if (snapshot is not null)
        {
            // Effects older than the grace period were left behind (a crash, an outage): hand them over again.
            outbox.Enqueue(snapshot.PendingEffects.Where(e => e.StoredAt < now - outboxOptions.RedeliveryGrace));
        }

        if (snapshot?.PriorExchange is { } prior)
        {
            return await ReplayAsync(id, prior, cancellationToken);
        }

        var state = snapshot?.State ?? SessionState.Start(id, now);
        if (workflow.VisitorMustWait(state, now) is { } wait)
        {
            throw new VisitorMustWaitException(wait);
        }

        var decision = workflow.Decide(state, await InputAsync(state, request, cancellationToken), now);
        var exchange = request.ClientMessageId is { } clientMessageId
            ? new ExchangeRecord(clientMessageId, decision.Messages[0].Sequence, decision.Messages[^1].Sequence)
            : null;
        var effects = await store.CommitAsync(
            new SessionCommit(decision.State, snapshot?.Version, decision.Messages, exchange, decision.Effects),
            cancellationToken);
        outbox.Enqueue(effects);
        return new ExchangeResult(decision.State, decision.Messages);
    }

    private async Task<SessionInput> InputAsync(SessionState state, VisitorRequest request, CancellationToken cancellationToken)
    {
        if (request.Command is { } command)
        {
            return new VisitorPressed(command, request.ClientMessageId);
        }

        var text = request.Text ?? throw new ArgumentException("A visitor request carries a text or a command.", nameof(request));
        var answer = await assistant.AnswerAsync(new AssistantQuestion(text, state.Language, clock.Today), cancellationToken);
        return new VisitorWrote(text, request.ClientMessageId, answer);
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
