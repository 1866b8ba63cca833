using Lucine.Domain;
using Lucine.Domain.Assistant;
using Lucine.Domain.Sessions;
using Lucine.Functions.Assistant;
using Lucine.Functions.Outbox;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Sessions;

/// <summary>What a visitor sent: words, or a button.</summary>
public sealed record VisitorRequest(string? Text, VisitorCommand? Command, string? ClientMessageId);

/// <summary>The session after a visitor request, and the messages that request produced.</summary>
public sealed record ExchangeResult(SessionState State, IReadOnlyList<ChatMessage> Messages);

/// <summary>
/// Runs one visitor request through a session: load, decide, commit atomically, dispatch the effects.
/// If another writer changed the session in between, it loads and decides again; a request repeated
/// with the same client message id gets the stored exchange back instead of a second one.
/// </summary>
public sealed partial class SessionProcessor(
    ISessionStore store,
    IAssistant assistant,
    SessionWorkflow workflow,
    SessionLocks locks,
    OutboxDispatcher outbox,
    ParkClock clock,
    IOptions<ChatOptions> options,
    ILogger<SessionProcessor> logger)
{
    public async Task<ExchangeResult> HandleAsync(SessionId id, bool isNew, VisitorRequest request, CancellationToken cancellationToken)
    {
        using var storageScope = StorageScope.Enter(StorageScope.VisitorRequest);
        using var gate = await locks.AcquireAsync(id.Value, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            // A session created by this very request cannot exist yet: no need to read it.
            var snapshot = isNew ? null : await store.LoadAsync(id, request.ClientMessageId, cancellationToken);
            if (snapshot?.PriorExchange is { } prior)
            {
                return await ReplayAsync(id, prior, cancellationToken);
            }

            if (snapshot is { PendingEffects.Count: > 0 })
            {
                outbox.Enqueue(snapshot.PendingEffects);
            }

            var now = clock.Now;
            var state = snapshot?.State ?? SessionState.Start(id, now);
            var decision = workflow.Decide(state, await InputAsync(state, request, cancellationToken), now);
            var exchange = request.ClientMessageId is { } clientMessageId
                ? new ExchangeRecord(clientMessageId, decision.Messages[0].Sequence, decision.Messages[^1].Sequence)
                : null;
            try
            {
                var effects = await store.CommitAsync(
                    new SessionCommit(decision.State, snapshot?.Version, decision.Messages, exchange, decision.Effects),
                    cancellationToken);
                outbox.Enqueue(effects);
                return new ExchangeResult(decision.State, decision.Messages);
            }
            catch (SessionConflictException) when (attempt < options.Value.CommitAttempts)
            {
                LogConflict(logger, id.Value, attempt);
                isNew = false;
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken);
            }
        }
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId} changed under attempt {Attempt}; deciding again.")]
    private static partial void LogConflict(ILogger logger, string sessionId, int attempt);
}
