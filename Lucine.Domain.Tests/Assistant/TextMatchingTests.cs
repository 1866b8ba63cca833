namespace Lucine.Domain.Tests.Assistant;

[Trait("Category", Layer.Unit)]
public sealed class TextMatchingTests
{
    [Fact]
    public void Folding_removes_accents_case_and_punctuation() =>
        Assert.Equal(["c", "e", "l", "orario", "piu", "perche"], TextNormalizer.Tokens("C'È l'orario? Più... perché!"));

    [Theory]
    [InlineData("biglietto", "bilgietto", 1)]
    [InlineData("parcheggio", "parcheggo", 1)]
    [InlineData("orari", "orrari", 1)]
    [InlineData("navetta", "navetta", 0)]
    [InlineData("cane", "cena", 2)]
    public void Edit_distance_counts_typos_and_transpositions(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Bounded(a, b, 3));

    [Fact]
    public void Edit_distance_stops_past_its_limit() =>
        Assert.Equal(2, EditDistance.Bounded("parcheggio", "biglietto", 1));

    [Theory]
    [InlineData("parchegg*", "dove si parcheggia", true)]
    [InlineData("parchegg*", "dove si parhceggia", true)]
    [InlineData("biglietti", "i bilgietti", true)]
    [InlineData("quanto dura", "quanto dura la visita", true)]
    [InlineData("quanto dura", "quanto tempo dura", false)]
    [InlineData("cane", "una cena", false)]
    [InlineData("prezz*", "un pezzo", false)]
    public void Keywords_match_words_stems_phrases_and_forgive_typos(string keyword, string message, bool matches)
    {
        var parsed = Keyword.Parse(keyword, out var error);
        Assert.Null(error);

        var analysis = MessageAnalysis.Of(message, ShippedKnowledge.SeasonDay);

        Assert.Equal(matches, parsed!.Match(analysis) is not null);
    }

    [Fact]
    public void Without_typo_tolerance_only_exact_words_match()
    {
        var perso = Keyword.Parse("perso", out _)!;

        Assert.NotNull(perso.Match(MessageAnalysis.Of("ho preso i biglietti", ShippedKnowledge.SeasonDay)));
        Assert.Null(perso.Match(MessageAnalysis.Of("ho preso i biglietti", ShippedKnowledge.SeasonDay), forgiveTypos: false));
        Assert.NotNull(perso.Match(MessageAnalysis.Of("ho perso i biglietti", ShippedKnowledge.SeasonDay), forgiveTypos: false));
    }
}
