namespace Lucine.Domain.Tests.Tickets;

[Trait("Category", Layer.Unit)]
public sealed class TicketNumberTests
{
    [Theory]
    [InlineData(2026, 1, "LUC-2026-000001")]
    [InlineData(2026, 123, "LUC-2026-000123")]
    [InlineData(2027, 999999, "LUC-2027-999999")]
    [InlineData(2026, 1000000, "LUC-2026-1000000")]
    [InlineData(2026, int.MaxValue, "LUC-2026-2147483647")]
    public void A_number_is_written_with_a_zero_padded_sequence_and_read_back(int year, int sequence, string text)
    {
        var number = new TicketNumber(year, sequence);

        Assert.Equal(text, number.ToString());
        Assert.True(TicketNumber.TryParse(text, out var parsed));
        Assert.Equal(number, parsed);
    }

    [Theory]
    [InlineData("luc-2026-000123")]
    [InlineData("Luc-2026-000123")]
    [InlineData("  LUC-2026-000123 ")]
    public void The_prefix_may_be_typed_in_any_case_and_surrounding_spaces_do_not_matter(string text)
    {
        Assert.True(TicketNumber.TryParse(text, out var number));
        Assert.Equal(new TicketNumber(2026, 123), number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("LUC")]
    [InlineData("LUC-2026")]
    [InlineData("LUC-2026-123")] // fewer than six digits
    [InlineData("LUC-2026-0000123")] // a second spelling of ticket 123
    [InlineData("LUC-2026-000000")] // sequences start at 1
    [InlineData("LUC-26-000123")]
    [InlineData("LUC-02026-000123")]
    [InlineData("LUC-0999-000123")]
    [InlineData("LUC-2026--00123")]
    [InlineData("LUC-2026-+00123")]
    [InlineData("LUC-2026-000 123")]
    [InlineData("LUC-2026-00012a")]
    [InlineData("LUC-2026-٠٠٠١٢٣")] // Arabic-Indic digits
    [InlineData("LUC-2026-2147483648")] // beyond int
    [InlineData("LUC-2026-99999999999999999999")]
    [InlineData("LUC-2026-000123-1")]
    [InlineData("TCK-2026-000123")]
    [InlineData("LUC 2026 000123")]
    [InlineData("LUC2026000123")]
    public void Anything_else_is_not_a_ticket_number(string? text)
    {
        Assert.False(TicketNumber.TryParse(text, out var number));
        Assert.Equal(default, number);
    }

    [Theory]
    [InlineData(999, 1)]
    [InlineData(10000, 1)]
    [InlineData(2026, 0)]
    [InlineData(2026, -5)]
    public void A_number_outside_the_format_cannot_be_made(int year, int sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicketNumber(year, sequence));
    }
}
