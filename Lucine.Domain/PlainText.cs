using System.Text;

namespace Lucine.Domain;

/// <summary>
/// What text people may send Lucine (messages, notes, names, subjects, canned replies): well-formed
/// Unicode with no noncharacters and no control characters but line breaks and tabs. Such characters
/// carry no meaning a person meant to write, and some (U+FFFE, lone surrogates) make .NET's Unicode
/// normalisation throw, so they are refused at the edge and removed wherever text is compared.
/// </summary>
public static class PlainText
{
    /// <summary>True when <paramref name="text"/> holds only characters a person may write.</summary>
    public static bool IsAcceptable(string text, bool allowLines = true)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || !IsAcceptable(rune, allowLines))
            {
                return false;
            }

            i += consumed - 1;
        }

        return true;
    }

    /// <summary>The text without what <see cref="IsAcceptable(string, bool)"/> refuses (a broken surrogate, a noncharacter, a control character).</summary>
    public static string Clean(string text)
    {
        if (IsAcceptable(text))
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == System.Buffers.OperationStatus.Done && IsAcceptable(rune, allowLines: true))
            {
                kept.Append(text, i, consumed);
            }

            i += consumed - 1;
        }

        return kept.ToString();
    }

    private static bool IsAcceptable(Rune rune, bool allowLines) =>
        !IsNoncharacter(rune.Value) && (!Rune.IsControl(rune) || (allowLines && rune.Value is '\n' or '\r' or '\t'));

    /// <summary>U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE…).</summary>
    private static bool IsNoncharacter(int value) => value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE;
}
