namespace Lucine.Domain.Tests.Assistant;

/// <summary>The statements a reply is checked for, each found however it is written.</summary>
[Trait("Category", Layer.Unit)]
public sealed class ClaimsTests
{
    [Theory]
    [InlineData("Costa €12,50.", "€12.5")]
    [InlineData("Costa 12.50 euro.", "€12.5")]
    [InlineData("Only 9 € each", "€9")]
    [InlineData("EUR 9", "€9")]
    [InlineData("Apriamo alle 17:30.", "time:17:30")]
    [InlineData("Apriamo alle 17.30.", "time:17:30")]
    [InlineData("We open at 5:30 pm", "time:17:30")]
    [InlineData("We open at 5 PM", "time:17:00")]
    [InlineData("il 6 dicembre", "date:12-06")]
    [InlineData("on December 6th", "date:12-06")]
    [InlineData("the 3rd of January", "date:01-03")]
    [InlineData("Scrivi a Info@LucineDiNatale.it", "email:info@lucinedinatale.it")]
    [InlineData("vedi https://lucinedinatale.it/biglietti.", "url:https://lucinedinatale.it/biglietti")]
    [InlineData("vedi lucinedinatale.it", "url:lucinedinatale.it")]
    [InlineData("WhatsApp +39 312 345 6789", "phone:+393123456789")]
    public void A_claim_is_found_in_its_canonical_form(string text, string claim) =>
        Assert.Equal([claim], Claims.In(text));

    [Fact]
    public void Each_day_of_a_list_is_a_claim_of_its_own() =>
        Assert.Equal(["date:12-24", "date:12-31", "date:01-01"], Claims.In("chiuso il 24 e 31 dicembre, 1 gennaio"));

    [Theory]
    [InlineData("i bambini dai 3 ai 12 anni")]
    [InlineData("ogni 15 minuti")]
    [InlineData("siamo in 4 persone nel 2025")]
    [InlineData("parcheggio P2, 10 minuti a piedi")]
    public void Numbers_that_are_not_prices_times_or_dates_are_not_claims(string text) =>
        Assert.Empty(Claims.In(text));

    [Fact]
    public void A_claim_written_differently_in_the_sources_is_supported()
    {
        var sources = new[] { "Intero €9, ridotto €7. Aperto dalle 17:30, dal 6 dicembre 2025." };

        Assert.Empty(Claims.Unsupported("The full ticket is 9 euro and we open at 5:30 pm from December 6.", sources));
        Assert.Equal(["€8", "time:18:00", "date:12-07"], Claims.Unsupported("Costa €8, apriamo alle 18:00 dal 7 dicembre.", sources));
    }
}
