using Lucine.Domain.Replies;

namespace Lucine.Domain.Tests.Replies;

[Trait("Category", Layer.Unit)]
public sealed class CannedReplyRulesTests
{
    private const string Italian = "Ciao {visitor_name}, sono {operator_name}.";
    private const string English = "Hi {visitor_name}, I am {operator_name}. Your ticket is {ticket_number}.";

    [Fact]
    public void A_reply_with_a_title_a_shortcut_and_both_texts_using_known_placeholders_is_valid()
    {
        Assert.Empty(CannedReplyRules.Check("Saluto", "saluto-2", Italian, English));
        Assert.Empty(CannedReplyRules.Check(new string('t', 80), "ab", new string('x', 2000), "Riga uno\r\n\tRiga due"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("saluto")]
    [InlineData("0-ticket")]
    [InlineData("a-b-c")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123")]
    public void Shortcuts_are_lowercase_letters_digits_and_dashes(string shortcut) => Assert.True(CannedReplyRules.IsShortcut(shortcut));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("/saluto")]
    [InlineData("Saluto")]
    [InlineData("-saluto")]
    [InlineData("sa luto")]
    [InlineData("saluto_2")]
    [InlineData("salùto")]
    [InlineData("../saluto")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234")]
    [InlineData("saluto\n")]
    public void Anything_else_is_not_a_shortcut(string? shortcut) => Assert.False(CannedReplyRules.IsShortcut(shortcut));

    [Theory]
    [InlineData("/saluto", "saluto")]
    [InlineData("  /saluto ", "saluto")]
    [InlineData("saluto", "saluto")]
    [InlineData("//saluto", "/saluto")]
    [InlineData(null, null)]
    public void The_slash_an_operator_types_is_not_part_of_the_stored_shortcut(string? written, string? stored) =>
        Assert.Equal(stored, CannedReplyRules.NormalizeShortcut(written));

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789ABCDEF", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef0", false)]
    [InlineData("0123456789abcdef/123456789abcdef", false)]
    [InlineData("..23456789abcdef0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdef\n", false)]
    [InlineData(null, false)]
    public void Only_ids_Lucine_could_have_made_are_ids(string? id, bool valid) => Assert.Equal(valid, CannedReplyRules.IsId(id));

    [Fact]
    public void An_unknown_placeholder_is_named_with_the_known_ones()
    {
        var error = Assert.Single(CannedReplyRules.Check("Saluto", "saluto", "Ciao {nome}!", English));

        Assert.Equal("text.it", error.Field);
        Assert.Equal(
            "The Italian text has an unknown placeholder {nome}; the known ones are {visitor_name}, {operator_name}, {ticket_number}.",
            error.Message);
    }

    [Fact]
    public void Every_mistake_is_reported_under_its_field_in_the_order_of_the_form()
    {
        var errors = CannedReplyRules.Check(" ", "A", null, new string('x', 2001));

        Assert.Equal(["title", "shortcut", "text.it", "text.en"], errors.Select(e => e.Field));
        Assert.Equal("The English text can be at most 2000 characters; this one has 2001.", errors[3].Message);
    }

    [Theory]
    [InlineData("Saluto\niniziale")]
    [InlineData("Saluto\u0007")]
    [InlineData("Un titolo lungo lungo lungo lungo lungo lungo lungo lungo lungo lungo lungo lungo")]
    public void A_title_is_one_line_of_at_most_80_characters(string title) =>
        Assert.Equal("title", Assert.Single(CannedReplyRules.Check(title, "saluto", Italian, English)).Field);

    [Fact]
    public void Control_characters_other_than_line_breaks_and_tabs_are_refused_in_texts() =>
        Assert.Equal("text.en", Assert.Single(CannedReplyRules.Check("Saluto", "saluto", Italian, "Hi\u0000")).Field);
}
