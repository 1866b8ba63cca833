namespace Lucine.Domain.Tests.Assistant;

[Trait("Category", Layer.Unit)]
public sealed class DayReferenceTests
{
    private static readonly DateOnly Today = ShippedKnowledge.SeasonDay;

    private static DateOnly? Find(string text) =>
        DayReference.Find(TextNormalizer.Tokens(text), Today)?.Date;

    [Theory]
    [InlineData("siete aperti il 24 dicembre?", 2025, 12, 24)]
    [InlineData("e il 6 gennaio?", 2026, 1, 6)]
    [InlineData("open on Dec 26th?", 2025, 12, 26)]
    [InlineData("December 28", 2025, 12, 28)]
    [InlineData("il 27/12 siete aperti", 2025, 12, 27)]
    [InlineData("a natale?", 2025, 12, 25)]
    [InlineData("la vigilia di capodanno", 2025, 12, 31)]
    [InlineData("new year's day", 2026, 1, 1)]
    [InlineData("ma il 31?", 2025, 12, 31)]
    [InlineData("il 2 siete aperti?", 2026, 1, 2)]
    [InlineData("siete aperti il 10 gennaio?", 2026, 1, 10)]
    [InlineData("e il 12 dicembre?", 2026, 12, 12)]
    [InlineData("oggi", 2025, 12, 13)]
    [InlineData("domani sera", 2025, 12, 14)]
    [InlineData("tonight", 2025, 12, 13)]
    public void Finds_the_next_such_day_from_today(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), Find(text));

    [Theory]
    [InlineData("le Lucine di Natale")]
    [InlineData("Christmas lights in Leggiuno")]
    [InlineData("si entra alle 17 30?")]
    [InlineData("siamo in 4 adulti")]
    [InlineData("il 32 dicembre")]
    public void Does_not_see_a_day_where_there_is_none(string text) => Assert.Null(Find(text));
}
