using System.Globalization;
using System.Text.RegularExpressions;

namespace Lucine.Domain.Assistant;

/// <summary>
/// The checkable statements in a text: amounts of money, times of day, calendar days, web and email
/// addresses, phone numbers, each written one canonical way ("€12,50" and "12.50 euro" are both
/// "€12.5"; "5:30 pm" and "17.30" are both "17:30"). A model's reply may only state what its grounding
/// states: a claim found in the reply and in none of the sources is invented.
/// </summary>
public static partial class Claims
{
    /// <summary>The claims of <paramref name="reply"/> that none of <paramref name="sources"/> makes, in order of appearance.</summary>
    public static IReadOnlyList<string> Unsupported(string reply, IEnumerable<string> sources)
    {
        var supported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            supported.UnionWith(In(source));
        }

        return In(reply).Where(c => !supported.Contains(c)).Distinct().ToList();
    }

    public static IReadOnlyList<string> In(string text)
    {
        var claims = new List<string>();

        // Addresses first, and blanked out, so that their digits are not read as amounts or times.
        text = Take(text, Email(), m => "email:" + m.Value.ToLowerInvariant(), claims);
        text = Take(text, Url(), m => "url:" + m.Groups["address"].Value.TrimEnd('.', ',', ';', ':', '!', '?', ')').ToLowerInvariant(), claims);
        text = Take(text, Money(), m => "€" + Amount(m.Groups["before"].Success ? m.Groups["before"].Value : m.Groups["after"].Value), claims);
        text = Take(text, Phone(), m => "phone:" + PhoneDigits(m.Value), claims);
        text = Take(text, Time(), m => "time:" + TimeOfDay(m), claims);
        text = Take(text, DayThenMonth(), m => DayOfMonth(m.Groups["day"].Value, m.Groups["month"].Value), claims);
        Take(text, MonthThenDay(), m => DayOfMonth(m.Groups["day"].Value, m.Groups["month"].Value), claims);
        return claims;
    }

    private static string Take(string text, Regex pattern, Func<Match, string?> claim, List<string> claims) =>
        pattern.Replace(text, m =>
        {
            if (claim(m) is { } found)
            {
                claims.Add(found);
                return new string(' ', m.Length);
            }

            return m.Value;
        });

    private static string Amount(string digits)
    {
        var value = decimal.Parse(digits.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private static string PhoneDigits(string text) => new(text.Where(c => char.IsDigit(c) || c == '+').ToArray());

    private static string? TimeOfDay(Match m)
    {
        var hour = int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["minute"].Success ? int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
        var meridiem = m.Groups["meridiem"].Value.Replace(".", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (meridiem.Length > 0)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            hour = hour % 12 + (meridiem == "pm" ? 12 : 0);
        }
        else if (!m.Groups["minute"].Success)
        {
            return null;
        }

        return hour < 24 ? $"{hour:00}:{minute:00}" : null;
    }

    private static string? DayOfMonth(string day, string monthWord)
    {
        var dayNumber = int.Parse(day, CultureInfo.InvariantCulture);
        var month = DateText.MonthOf(TextNormalizer.Fold(monthWord));
        return month is { } m && dayNumber is >= 1 and <= 31 ? $"date:{m:00}-{dayNumber:00}" : null;
    }

    [GeneratedRegex(@"(?<address>(?:https?://|www\.)[^\s<>""]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:it|com|org|net|eu|info|shop|app|ly)\b(?:/[^\s<>""]*)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?:€|\beur(?:o|os)?\b)\s?(?<before>\d+(?:[.,]\d{1,2})?)|(?<after>\d+(?:[.,]\d{1,2})?)\s?(?:€|\beur(?:o|os)?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Money();

    [GeneratedRegex(@"\+?\d(?:[\s-]?\d){7,}")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b(?<hour>[01]?\d|2[0-3])(?:[:.](?<minute>[0-5]\d))?(?:\s?(?<meridiem>[ap]\.?m\.?)(?![a-z]))?(?=\W|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Time();

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+|di\s+)?(?<month>\p{L}{3,})", RegexOptions.IgnoreCase)]
    private static partial Regex DayThenMonth();

    [GeneratedRegex(@"\b(?<month>\p{L}{3,})\s+(?<day>\d{1,2})(?:st|nd|rd|th)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthThenDay();
}
