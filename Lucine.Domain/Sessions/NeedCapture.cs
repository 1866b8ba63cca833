namespace Lucine.Domain.Sessions;

/// <summary>
/// What a ticket is about, in the visitor's words: its subject, quoted in its description. A ticket
/// that took the visitor's first message ("Quanto costa il parcheggio?") as its subject told the staff
/// what had been answered already, not what the visitor still needs.
/// </summary>
/// <remarks>
/// A <em>clear question</em> is the last message the assistant could not answer (it did not know, or
/// the request needs a person), when it is not a plain request for a person and is long enough to be a
/// request by itself: at least <see cref="MinQuestionWords"/> words and <see cref="MinQuestionLength"/>
/// characters. When the conversation has one, the assistant proposes it; otherwise it asks.
/// </remarks>
public static class NeedCapture
{
    public const int MinQuestionWords = 3;
    public const int MinQuestionLength = 15;

    /// <summary>What the visitor writes as their request: a few letters at least, "?" or "boh" tells the staff nothing.</summary>
    public const int MinNeedLength = 8;

    public static bool IsClearQuestion(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= MinQuestionLength && Assistant.TextNormalizer.Tokens(trimmed).Length >= MinQuestionWords;
    }

    public static bool IsNeed(string? text) =>
        text?.Trim() is { Length: >= MinNeedLength } need && need.Count(char.IsLetter) >= MinNeedLength / 2 && PlainText.IsAcceptable(need, allowLines: true);
}
