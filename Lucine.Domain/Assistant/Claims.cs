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
        text = Take(text, Email(), m => ["email:" + m.Value.ToLowerInvariant()], claims);
        text = Take(text, Url(), m => ["url:" + m.Groups["address"].Value.TrimEnd('.', ',', ';', ':', '!', '?', ')').ToLowerInvariant()], claims);
        text = Take(text, Money(), m => ["€" + Amount(m.Groups["before"].Success ? m.Groups["before"].Value : m.Groups["after"].Value)], claims);
        text = Take(text, Phone(), m => ["phone:" + PhoneDigits(m.Value)], claims);
        text = Take(text, Time(), m => TimeOfDay(m) is { } time ? ["time:" + time] : [], claims);
        text = Take(text, DaysThenMonth(), m => DaysOfMonth(Digits().Matches(m.Groups["days"].Value).Select(d => d.Value), m.Groups["month"].Value), claims);
        Take(text, MonthThenDay(), m => DaysOfMonth([m.Groups["day"].Value], m.Groups["month"].Value), claims);
        return claims;
    }

    /// <summary>Every day of "24 e 31 dicembre" is a claim of its own; null when the word is not a month.</summary>
    private static IReadOnlyList<string> DaysOfMonth(IEnumerable<string> days, string monthWord)
    {
        var month = DateText.MonthOf(TextNormalizer.Fold(monthWord));
        var numbers = days.Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList();
        return month is { } m && numbers.All(d => d is >= 1 and <= 31)
            ? numbers.Select(d => $"date:{m:00}-{d:00}").ToList()
            : [];
    }

    /// <summary>Records the claims each match makes and blanks it out; a match that makes none stays for the next pattern.</summary>
    private static string Take(string text, Regex pattern, Func<Match, IReadOnlyList<string>> claim, List<string> claims) =>
        pattern.Replace(text, m =>
        {
            var found = claim(m);
            claims.AddRange(found);
            return found.Count > 0 ? new string(' ', m.Length) : m.Value;
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

    [GeneratedRegex(@"\b(?<days>\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:,|\be\b|\band\b|&)\s*\d{1,2}(?:st|nd|rd|th)?)*)\s+(?:of\s+|di\s+)?(?<month>\p{L}{3,})", RegexOptions.IgnoreCase)]
    private static partial Regex DaysThenMonth();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\b(?<month>\p{L}{3,})\s+(?<day>\d{1,2})(?:st|nd|rd|th)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthThenDay();
}
