namespace Lucine.Domain;

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
