namespace Lucine.Domain.Assistant;

/// <summary>What the visitor asked, with what the answer depends on besides the words.</summary>
/// <param name="History">
/// The conversation before this message, oldest first (only as much as the answerer asked for, see
/// <see cref="IAssistant.ConversationMemory"/>).
/// </param>
public sealed record AssistantQuestion(string Text, Language? ConversationLanguage, DateOnly Today, IReadOnlyList<ChatMessage>? History = null)
{
    public IReadOnlyList<ChatMessage> Earlier => History ?? [];
}

/// <summary>
/// An answer to one visitor message. <see cref="AnswerOutcome.NotKnown"/> is the answerer admitting it
/// has no fact for the question, <see cref="AnswerOutcome.NeedsHuman"/> a request only the staff can
/// handle; for both the session workflow offers a person.
/// </summary>
public sealed record AssistantAnswer(
    string Text,
    Language Language,
    AnswerOutcome Outcome,
    IReadOnlyList<string> Topics,
    IReadOnlyList<SmartAction> Actions,
    AnswerSource Source);

/// <summary>How an answer was produced: what the analytics of every turn record.</summary>
/// <param name="Answerer"><see cref="LocalAnswerer.Name"/> or <see cref="ModelAnswerer"/>.</param>
/// <param name="FallbackReason">Why the knowledge base answered although a language model is configured.</param>
/// <param name="Confidence">The model's own estimate, 0 to 1.</param>
/// <param name="Intent">What the model says the question is about (a topic id, "small_talk" or "other").</param>
public sealed record AnswerSource(
    string Answerer,
    string? Model = null,
    string? FallbackReason = null,
    TimeSpan? Latency = null,
    int? InputTokens = null,
    int? OutputTokens = null,
    double? Confidence = null,
    string? Intent = null)
{
    public const string ModelAnswerer = "model";

    public static readonly AnswerSource Local = new(LocalAnswerer.Name);

    /// <summary>The analytics fields of this source; absent values are left out.</summary>
    public IEnumerable<(string Key, string Value)> Fields()
    {
        yield return ("answerer", Answerer);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var (key, value) in new (string, string?)[]
                 {
                     ("model", Model),
                     ("fallback_reason", FallbackReason),
                     ("latency_ms", Latency is { } latency ? ((long)latency.TotalMilliseconds).ToString(invariant) : null),
                     ("input_tokens", InputTokens?.ToString(invariant)),
                     ("output_tokens", OutputTokens?.ToString(invariant)),
                     ("confidence", Confidence?.ToString("0.##", invariant)),
                     ("intent", Intent),
                 })
        {
            if (value is not null)
            {
                yield return (key, value);
            }
        }
    }
}

public enum AnswerOutcome
{
    Answered,
    SmallTalk,
    NotKnown,
    NeedsHuman,
}

public static class AnswerOutcomeNames
{
    /// <summary>The outcome as reports and evaluations name it ("not_known").</summary>
    public static string Name(this AnswerOutcome outcome) => WireNames.Of(outcome);
}
