using Lucine.Domain.Assistant;
using Lucine.Domain.Sessions;

namespace Lucine.Domain;

/// <summary>
/// Where sessions live. A session's state, messages, idempotency records and undelivered effects are
/// stored together so that one decision is written whole or not at all.
/// </summary>
public interface ISessionStore
{
    /// <summary>
    /// What handling an input needs, in one read: the state, the exchange an earlier request with the
    /// same client message id produced (if any), and effects not yet delivered. Null: no such session.
    /// </summary>
    Task<SessionSnapshot?> LoadAsync(SessionId id, string? clientMessageId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a decision in one atomic step, provided the session is still at the version it was
    /// loaded at. Throws <see cref="SessionConflictException"/> when another writer got there first.
    /// Returns the effects as stored, to be dispatched.
    /// </summary>
    Task<IReadOnlyList<PendingEffect>> CommitAsync(SessionCommit commit, CancellationToken cancellationToken);

    /// <summary>The state alone (one point read). Null: no such session.</summary>
    Task<SessionState?> ReadStateAsync(SessionId id, CancellationToken cancellationToken);

    /// <summary>Messages numbered after <paramref name="after"/>, oldest first, with the current state. Null: no such session.</summary>
    Task<MessagePage?> ReadMessagesAsync(SessionId id, long after, int limit, CancellationToken cancellationToken);

    /// <summary>Forgets effects that have been delivered.</summary>
    Task CompleteEffectsAsync(SessionId id, IReadOnlyList<string> effectKeys, CancellationToken cancellationToken);

    /// <summary>Adds an operators' note to a session; notes are never part of the visitor's messages.</summary>
    Task<SessionNote> AddNoteAsync(SessionId id, string author, string text, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<SessionNote>> ReadNotesAsync(SessionId id, CancellationToken cancellationToken);
}

/// <summary>An internal note operators leave on a chat.</summary>
public sealed record SessionNote(string Id, string Author, string Text, DateTimeOffset At);

/// <summary>Answers visitor questions (the local knowledge-base answerer, or a language model).</summary>
public interface IAssistant
{
    /// <summary>How many earlier messages of the conversation the answerer wants with each question (0: none).</summary>
    int ConversationMemory { get; }

    /// <param name="knowledge">
    /// The knowledge base version this turn uses: the caller decides the turn on the same one, so the
    /// answer and the escalation rules never come from two versions.
    /// </param>
    Task<AssistantAnswer> AnswerAsync(KnowledgeBase knowledge, AssistantQuestion question, CancellationToken cancellationToken);
}

/// <summary>Keeps analytics events for the reports. Recording the same record twice keeps one.</summary>
public interface IAnalyticsStore
{
    Task RecordAsync(IReadOnlyList<AnalyticsRecord> records, CancellationToken cancellationToken);
}

/// <param name="Key">Unique per event and stable across retries (the outbox key of the effect).</param>
public sealed record AnalyticsRecord(string Key, AnalyticsEvent Event);

/// <param name="Version">Opaque; hand it back in <see cref="SessionCommit.ExpectedVersion"/>.</param>
/// <param name="IndexedDeadline">
/// The latest due time the deadline index was given for this session: a later deadline needs no new
/// index entry (the sweep finds the earlier one and re-indexes), an earlier one does.
/// </param>
public sealed record SessionSnapshot(
    SessionState State,
    string Version,
    ExchangeRecord? PriorExchange,
    IReadOnlyList<PendingEffect> PendingEffects,
    DateTimeOffset? IndexedDeadline = null);

/// <summary>The messages one client message id produced, so that a retry gets the same reply.</summary>
public sealed record ExchangeRecord(string ClientMessageId, long FirstSequence, long LastSequence);

/// <param name="ExpectedVersion">Null for a session that does not exist yet.</param>
public sealed record SessionCommit(
    SessionState State,
    string? ExpectedVersion,
    IReadOnlyList<ChatMessage> Messages,
    ExchangeRecord? Exchange,
    IReadOnlyList<SessionEffect> Effects,
    DateTimeOffset? IndexedDeadline = null);

/// <param name="StoredAt">When the decision that produced it was committed.</param>
public sealed record PendingEffect(SessionId SessionId, string Key, SessionEffect Effect, DateTimeOffset StoredAt);

public sealed record MessagePage(SessionState State, IReadOnlyList<ChatMessage> Messages, bool HasMore);

/// <summary>The session changed between load and commit; load again and decide again.</summary>
public sealed class SessionConflictException(SessionId id)
    : Exception($"Session {id} was changed by another writer.");
