using System.Globalization;
using System.Text;

namespace Lucine.Domain.Assistant;

/// <summary>
/// Folds visitor text into comparable tokens: lower case, no accents ("è" = "e", "più" = "piu"),
/// apostrophes and punctuation as separators ("l'orario" = "l orario").
/// Visitors type on phones; matching must not depend on how they spell accents.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Never throws: characters nobody writes (noncharacters, broken surrogates) are dropped before normalising.</summary>
    public static string Fold(string text)
    {
        var decomposed = PlainText.Clean(text).Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                folded.Append(' ');
                lastWasSpace = true;
            }
        }

        return folded.ToString().TrimEnd();
    }

    public static string[] Tokens(string text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
