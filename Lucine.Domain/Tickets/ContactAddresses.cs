using System.Text;

namespace Lucine.Domain.Tickets;

/// <summary>
/// Phone numbers as customers type them, turned into the E.164 form Twilio expects
/// (<c>+393331234567</c>). A number without a country code is Italian.
/// </summary>
public static class PhoneNumbers
{
    private const string ItalianCountryCode = "39";

    /// <summary>E.164 allows at most 15 digits after the '+'.</summary>
    private const int MaxDigits = 15;

    /// <summary>The shortest numbers in use (e.g. Niue's four-digit numbers after +683) have 7 digits in all.</summary>
    private const int MinDigits = 7;

    /// <summary>
    /// Accepts digits grouped by spaces, '-', '.', '/' and parentheses, written internationally
    /// ("+44 …", "0044 …") or as an Italian national number ("333 …" mobile, "06 …" landline).
    /// </summary>
    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = string.Empty;
        if (!TryReadDigits(input, out var digits, out var international))
        {
            return false;
        }

        if (!international)
        {
            if (!IsItalianNationalNumber(digits))
            {
                return false;
            }

            digits = ItalianCountryCode + digits;
        }

        var valid = digits.Length is >= MinDigits and <= MaxDigits
            && digits[0] != '0'
            && (!digits.StartsWith(ItalianCountryCode, StringComparison.Ordinal) || IsItalianNationalNumber(digits[ItalianCountryCode.Length..]));
        if (valid)
        {
            e164 = "+" + digits;
        }

        return valid;
    }

    /// <summary>Mobile numbers start with 3 (9–10 digits); landlines keep their leading 0 (6–11 digits).</summary>
    private static bool IsItalianNationalNumber(string digits) => digits switch
    {
        ['3', ..] => digits.Length is >= 9 and <= 10,
        ['0', ..] => digits.Length is >= 6 and <= 11,
        _ => false,
    };

    private static bool TryReadDigits(string? input, out string digits, out bool international)
    {
        digits = string.Empty;
        var text = input?.Trim() ?? string.Empty;
        international = text.StartsWith('+') || text.StartsWith("00", StringComparison.Ordinal);
        text = text.StartsWith('+') ? text[1..] : text.StartsWith("00", StringComparison.Ordinal) ? text[2..] : text;

        // "+44 (0)20 …" means "drop the 0 when dialling from abroad": keeping it would reach someone else.
        if (international && text.Contains("(0)", StringComparison.Ordinal))
        {
            return false;
        }

        var kept = new StringBuilder(text.Length);
        var inParentheses = false;
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '0' and <= '9':
                    kept.Append(c);
                    break;
                case ' ' or '-' or '.' or '/':
                    break;
                case '(' when !inParentheses:
                case ')' when inParentheses:
                    inParentheses = !inParentheses;
                    break;
                default:
                    return false;
            }
        }

        digits = kept.ToString();
        return !inParentheses && digits.Length > 0;
    }
}

/// <summary>E-mail addresses checked for the shape a mail provider will accept, with the domain lower-cased.</summary>
public static class EmailAddresses
{
    /// <summary>RFC 5321: a forward path holds at most 256 characters, two of them the angle brackets.</summary>
    private const int MaxLength = 254;

    private const int MaxLocalPartLength = 64;

    private const int MaxLabelLength = 63;

    public static bool TryNormalize(string? input, out string email)
    {
        email = string.Empty;
        var text = input?.Trim() ?? string.Empty;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (text.Length > MaxLength || at < 0 || text.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        var local = text[..at];
        var domain = text[(at + 1)..].ToLowerInvariant();
        if (local.Length is 0 or > MaxLocalPartLength
            || local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || domain.Split('.') is not { Length: >= 2 } labels
            || !labels.All(IsDomainLabel))
        {
            return false;
        }

        email = local + "@" + domain;
        return true;
    }

    private static bool IsDomainLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label[0] != '-'
        && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

/// <summary>What a customer wrote as "how to reach me": an e-mail address or a phone number.</summary>
public static class ContactAddress
{
    /// <summary>
    /// Anything with an '@' is an e-mail address; anything else must be a phone number, reached on
    /// WhatsApp unless the caller knows the customer prefers SMS.
    /// </summary>
    public static bool TryParse(string? input, out ContactChannel channel, out string address)
    {
        if (input?.Contains('@', StringComparison.Ordinal) == true)
        {
            channel = ContactChannel.Email;
            return EmailAddresses.TryNormalize(input, out address);
        }

        channel = ContactChannel.WhatsApp;
        return PhoneNumbers.TryNormalize(input, out address);
    }
}
