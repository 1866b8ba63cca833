using System.Text;
using Lucine.Domain.Assistant;

namespace Lucine.Domain.Tests;

/// <summary>
/// What people may write, and folding that never throws: a visitor's U+FFFE once made
/// <see cref="TextNormalizer.Fold"/> throw inside the local answerer (a 500 on one character).
/// </summary>
[Trait("Category", Layer.Unit)]
public sealed class PlainTextTests
{
    /// <summary>Every noncharacter: U+FDD0–U+FDEF and the last two code points of each of the 17 planes.</summary>
    public static IEnumerable<string> Noncharacters() =>
        Enumerable.Range(0xFDD0, 32).Concat(Enumerable.Range(0, 17).SelectMany(plane => new[] { (plane << 16) | 0xFFFE, (plane << 16) | 0xFFFF }))
            .Select(char.ConvertFromUtf32);

    /// <summary>Lone, doubled and reversed surrogates.</summary>
    public static IEnumerable<string> BrokenSurrogates() => ["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83D\uD83D", "\uDE00\uD83D"];

    [Fact]
    public void Fold_never_throws_on_any_UTF16_code_unit_anywhere_in_the_text()
    {
        for (var unit = 0; unit <= 0xFFFF; unit++)
        {
            var c = (char)unit;
            foreach (var text in new[] { c.ToString(), "biglietti " + c + " parcheggio", "è" + c + "\u0301" })
            {
                var folded = TextNormalizer.Fold(text);
                Assert.NotNull(folded);
            }
        }
    }

    [Fact]
    public void The_local_answerer_answers_a_question_with_a_noncharacter_or_a_broken_surrogate()
    {
        var answerer = new LocalAnswerer(Assistant.ShippedKnowledge.Load());
        foreach (var bad in Noncharacters().Concat(BrokenSurrogates()))
        {
            Assert.NotNull(answerer.Answer(new AssistantQuestion("Quanto costa il biglietto" + bad + "?", null, new DateOnly(2026, 12, 2))));
        }
    }

    [Fact]
    public void Fold_drops_noncharacters_and_broken_surrogates_and_keeps_the_words()
    {
        foreach (var bad in Noncharacters().Concat(BrokenSurrogates()))
        {
            Assert.Equal("quanto costa il biglietto", TextNormalizer.Fold("Quanto costa" + bad + " il bigliètto?"));
            Assert.False(PlainText.IsAcceptable("ciao " + bad), $"U+{string.Join("+", bad.Select(c => ((int)c).ToString("X4")))} accepted");
        }

        Assert.Equal(["prezzo", "parcheggio", "navetta"], TextNormalizer.Tokens("\uDE00prezzo\uFFFE parcheggio\uD800 navetta\uD83D"));
    }

    [Fact]
    public void Control_characters_are_refused_but_line_breaks_and_tabs_where_lines_are_allowed()
    {
        for (var c = '\0'; c < ' '; c++)
        {
            Assert.Equal(c is '\n' or '\r' or '\t', PlainText.IsAcceptable("riga" + c + "riga"));
            Assert.False(PlainText.IsAcceptable("riga" + c + "riga", allowLines: false));
        }

        Assert.False(PlainText.IsAcceptable("a\u007Fb"));
        Assert.False(PlainText.IsAcceptable("a\u0085b"));
    }

    [Fact]
    public void What_people_write_is_accepted_and_kept_as_written()
    {
        foreach (var text in new[] { "Perché è così caro? 🎄✨", "Zoë, Łukasz, 北京, مرحبا", "👩‍👩‍👧 famiglia", "prima riga\nseconda\triga", "\uFEFF\u200Bzero width", "\U0001F600", "\uFFFD" })
        {
            Assert.True(PlainText.IsAcceptable(text), text);
            Assert.Same(text, PlainText.Clean(text));
        }

        Assert.Equal("ab🎄c", PlainText.Clean("a\uFFFEb🎄\uD800c\u0000"));
        Assert.Equal(Encoding.UTF8.GetByteCount("ab🎄c"), Encoding.UTF8.GetByteCount(PlainText.Clean("a\uFDD0b🎄\U0010FFFFc")));
    }
}
