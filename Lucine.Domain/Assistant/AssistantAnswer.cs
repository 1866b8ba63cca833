using Lucine.Domain.Sessions;

namespace Lucine.Domain.Assistant;

/// <summary>What the visitor asked, with what the answer depends on besides the words.</summary>
public sealed record AssistantQuestion(string Text, Language? ConversationLanguage, DateOnly Today);

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
    string Answerer);

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
