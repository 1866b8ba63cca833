using Lucine.Functions.Hosting;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>WCAG contrast, computed once, and the widget theme it guards.</summary>
[Trait("Category", Layer.Unit)]
public sealed class ContrastTests
{
    private static Rgb Colour(string text) => Rgb.TryParse(text, out var colour) ? colour : throw new FormatException(text);

    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#ffffff", "#ffffff", 1.0)]
    [InlineData("#ffffff", "#b8860b", 3.25)]
    [InlineData("#b8860b", "#ffffff", 3.25)]
    [InlineData("#ffffff", "#8a6100", 5.54)]
    [InlineData("#767676", "#ffffff", 4.54)]
    public void The_ratio_is_the_WCAG_one_whichever_colour_comes_first(string one, string other, double expected) =>
        Assert.Equal(expected, Math.Round(Contrast.Ratio(Colour(one), Colour(other)), 2));

    [Theory]
    [InlineData("b8860b")]
    [InlineData("#b8860")]
    [InlineData("#b8860bb")]
    [InlineData("#gggggg")]
    [InlineData("#-12345")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_hash_and_six_hex_digits_is_a_colour(string? text) => Assert.False(Rgb.TryParse(text, out _));

    [Fact]
    public void A_colour_reads_back_as_written_in_lower_case() => Assert.Equal("#b8860b", Colour("#B8860B").ToString());

    [Fact]
    public void The_default_theme_passes_and_white_on_dark_gold_fails_saying_by_how_much()
    {
        var check = new WidgetThemeCheck();

        Assert.True(check.Validate(null, new WidgetOptions()).Succeeded);
        var refused = check.Validate(null, new WidgetOptions { Theme = new WidgetTheme { Accent = "#b8860b", AccentText = "#ffffff" } });
        Assert.True(refused.Failed);
        Assert.Contains("contrast of 3.25:1", refused.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("4.5:1", refused.FailureMessage, StringComparison.Ordinal);
        var garbled = check.Validate(null, new WidgetOptions { Theme = new WidgetTheme { Accent = "gold" } });
        Assert.Contains("#rrggbb", garbled.FailureMessage, StringComparison.Ordinal);
    }
}
