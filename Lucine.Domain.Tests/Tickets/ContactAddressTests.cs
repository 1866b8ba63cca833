namespace Lucine.Domain.Tests.Tickets;

[Trait("Category", Layer.Unit)]
public sealed class ContactAddressTests
{
    [Theory]
    [InlineData("+39 333 123 4567", "+393331234567")]
    [InlineData("0039 333 1234567", "+393331234567")]
    [InlineData("333-123.4567", "+393331234567")]
    [InlineData("333 123 456", "+39333123456")] // nine-digit mobile
    [InlineData("(06) 1234 5678", "+390612345678")]
    [InlineData("+39 06 1234 5678", "+390612345678")]
    [InlineData("0471 123456", "+390471123456")]
    [InlineData("0471/12345", "+39047112345")]
    [InlineData("02 123456789", "+3902123456789")] // eleven-digit landline
    [InlineData("+44 7911 123456", "+447911123456")]
    [InlineData("0044 7911 123456", "+447911123456")]
    [InlineData("+1 (415) 555-2671", "+14155552671")]
    [InlineData("  +41 44 668 18 00  ", "+41446681800")]
    [InlineData("+683 4002", "+6834002")] // Niue: the shortest numbers in use
    [InlineData("+123456789012345", "+123456789012345")] // fifteen digits, E.164's most
    public void Phone_numbers_are_normalized_to_E164_with_Italy_as_the_default_country(string input, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+")]
    [InlineData("0039")]
    [InlineData("333 CALL ME")]
    [InlineData("333 123 4567 ext 2")]
    [InlineData("３３３１２３４５６７")] // full-width digits
    [InlineData("333 12")] // too short for a mobile
    [InlineData("33312345")] // eight-digit mobile
    [InlineData("33312345678")] // eleven-digit mobile
    [InlineData("06123")] // five-digit landline
    [InlineData("061234567890")] // twelve-digit landline
    [InlineData("1234567890")] // national numbers start with 3 or 0
    [InlineData("800 123 456")] // national service numbers are not reachable contacts
    [InlineData("+39 333 12")]
    [InlineData("+39 1234567890")]
    [InlineData("+0 123 456 789")] // no country code starts with 0
    [InlineData("+123456")] // six digits
    [InlineData("+1234567890123456")] // sixteen digits
    [InlineData("++39 333 1234567")]
    [InlineData("333+1234567")]
    [InlineData("(06 1234 5678")]
    [InlineData("06) 1234 (5678")]
    [InlineData("+44 (0)20 7946 0000")] // the "(0)" is not dialled from abroad: ambiguous
    [InlineData("333_123_4567")]
    [InlineData("333\n1234567")]
    public void Anything_else_is_not_a_phone_number(string? input)
    {
        Assert.False(PhoneNumbers.TryNormalize(input, out var e164));
        Assert.Equal(string.Empty, e164);
    }

    [Theory]
    [InlineData("mario.rossi@lucine.it", "mario.rossi@lucine.it")]
    [InlineData("Mario.Rossi@Example.COM", "Mario.Rossi@example.com")] // only the domain is case-insensitive
    [InlineData("  info@lucine.it \t", "info@lucine.it")]
    [InlineData("a@b.co", "a@b.co")]
    [InlineData("user+tag@mail.example.org", "user+tag@mail.example.org")]
    [InlineData("o'neil@x-y.com", "o'neil@x-y.com")]
    [InlineData("anna@123.example.it", "anna@123.example.it")]
    public void Email_addresses_are_trimmed_and_their_domain_lower_cased(string input, string expected)
    {
        Assert.True(EmailAddresses.TryNormalize(input, out var email));
        Assert.Equal(expected, email);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("mario.rossi")]
    [InlineData("@lucine.it")]
    [InlineData("mario@")]
    [InlineData("mario@@lucine.it")]
    [InlineData("mario@rossi@lucine.it")]
    [InlineData("mario rossi@lucine.it")]
    [InlineData("mario\t@lucine.it")]
    [InlineData("mario\u0001@lucine.it")]
    [InlineData("mario@lucine")]
    [InlineData("mario@lucine.")]
    [InlineData("mario@lucine.it.")]
    [InlineData("mario@.lucine.it")]
    [InlineData("mario@lucine..it")]
    [InlineData("mario@-lucine.it")]
    [InlineData("mario@lucine-.it")]
    [InlineData("mario@luc_ine.it")]
    [InlineData("mario@lucine .it")]
    [InlineData("mario@lùcine.it")]
    [InlineData("mario@[127.0.0.1]")]
    public void Anything_else_is_not_an_email_address(string? input)
    {
        Assert.False(EmailAddresses.TryNormalize(input, out var email));
        Assert.Equal(string.Empty, email);
    }

    [Fact]
    public void Email_lengths_follow_the_mail_limits()
    {
        var domain = "@" + string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".it"; // 247 characters

        Assert.True(EmailAddresses.TryNormalize(new string('l', 64) + "@lucine.it", out _));
        Assert.False(EmailAddresses.TryNormalize(new string('l', 65) + "@lucine.it", out _));
        Assert.True(EmailAddresses.TryNormalize("m@" + new string('d', 63) + ".it", out _));
        Assert.False(EmailAddresses.TryNormalize("m@" + new string('d', 64) + ".it", out _));
        Assert.True(EmailAddresses.TryNormalize(new string('l', 254 - domain.Length) + domain, out _));
        Assert.False(EmailAddresses.TryNormalize(new string('l', 255 - domain.Length) + domain, out _));
    }

    [Theory]
    [InlineData("Mario@Lucine.IT", ContactChannel.Email, "Mario@lucine.it")]
    [InlineData(" 333 123 4567 ", ContactChannel.WhatsApp, "+393331234567")]
    [InlineData("+44 7911 123456", ContactChannel.WhatsApp, "+447911123456")]
    public void A_contact_is_an_email_address_or_a_phone_reached_on_WhatsApp(string input, ContactChannel channel, string address)
    {
        Assert.True(ContactAddress.TryParse(input, out var parsedChannel, out var parsedAddress));
        Assert.Equal(channel, parsedChannel);
        Assert.Equal(address, parsedAddress);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ciao")]
    [InlineData("mario@lucine")]
    [InlineData("333 12")]
    [InlineData("333 123 4567 o mario@lucine.it")]
    public void Neither_a_valid_email_address_nor_a_phone_number_is_no_contact(string? input)
    {
        Assert.False(ContactAddress.TryParse(input, out _, out var address));
        Assert.Equal(string.Empty, address);
    }
}
