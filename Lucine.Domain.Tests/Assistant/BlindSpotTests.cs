namespace Lucine.Domain.Tests.Assistant;

[Trait("Category", Layer.Unit)]
public sealed class BlindSpotTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    [Theory]
    [InlineData("Si può usare il drone a batteria?")]
    [InlineData("DRONE a batteria: si puo usare??")]
    [InlineData("Si può usare il drone a batteria domani? mario.rossi@example.com")]
    [InlineData("drone a batteria, si può usare? +39 333 123 4567")]
    public void Phrasings_with_the_same_content_words_share_their_keywords_without_days_or_contacts(string text) =>
        Assert.Equal(["batteria", "drone", "usare"], BlindSpot.Keywords(text, Today));

    [Fact]
    public void Greetings_and_function_words_alone_name_no_group() =>
        Assert.Empty(BlindSpot.Keywords("Ciao, vorrei sapere una cosa per favore", Today));

    [Fact]
    public void Examples_keep_the_question_and_lose_addresses_and_numbers() =>
        Assert.Equal("Drone? scrivete a … o al …", BlindSpot.Example("Drone? scrivete a mario.rossi@example.com o al +39 333-123 4567"));
}
