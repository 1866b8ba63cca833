using System.Text.RegularExpressions;

namespace Lucine.Domain.Assistant;

/// <summary>
/// A question the assistant did not know, or handed to the staff: the admins' inbox groups these by
/// their keywords, so that the knowledge base can learn what visitors ask and it cannot answer.
/// </summary>
public static partial class BlindSpot
{
    /// <summary>Keywords a group is named by: more would split the same question into many groups.</summary>
    public const int MaxKeywords = 6;

    /// <summary>What replaces an e-mail address or a phone number in an example.</summary>
    public const string Removed = "…";

    /// <summary>
    /// The words that carry the question, folded and sorted as the local answerer's matching sees them
    /// (<see cref="MessageAnalysis"/>, <see cref="Lexicon.IsContent"/>), so that "Quanto costa il parcheggio?"
    /// and "il parcheggio, quanto costa" are one group. A day ("domani", "24 dicembre") is not the
    /// subject, and a word with digits may be a phone number or a booking code: both are left out, as are
    /// the words of an e-mail address. Empty when nothing is left: there is no question to learn from.
    /// </summary>
    public static IReadOnlyList<string> Keywords(string text, DateOnly today)
    {
        var message = MessageAnalysis.Of(WithoutContacts(text), today);
        var day = message.Day?.TokenIndexes ?? [];
        return message.Tokens
            .Where((token, index) => !day.Contains(index) && Lexicon.IsContent(token) && !token.Any(char.IsAsciiDigit))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(MaxKeywords)
            .ToList();
    }

    /// <summary>
    /// The visitor's words as an example of the group: already capped at <see cref="Sessions.SessionState.MaxVisitorWords"/>
    /// characters, without e-mail addresses and phone numbers, which are personal data no report needs.
    /// </summary>
    public static string Example(string cappedWords) => WithoutContacts(cappedWords);

    private static string WithoutContacts(string text) =>
        PhonePattern().Replace(EmailPattern().Replace(text, Removed), Removed);

    [GeneratedRegex(@"[^\s@]+@[^\s@]+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    /// <summary>Six digits or more, with the separators people type between them (+39 333 123 4567, 333-1234567).</summary>
    [GeneratedRegex(@"\+?\d(?:[\s./-]*\d){5,}", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
