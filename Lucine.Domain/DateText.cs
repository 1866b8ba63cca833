namespace Lucine.Domain;

/// <summary>
/// Dates as visitors read them ("sabato 6 dicembre 2025", "Saturday 6 December 2025").
/// Written out here rather than taken from the OS culture data so that the wording is the same on
/// every machine, including hosts without ICU.
/// </summary>
public static class DateText
{
    private static readonly string[] ItalianMonths =
        ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] ItalianWeekdays =
        ["domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"];

    private static readonly string[] EnglishWeekdays =
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>A day as admins and the API write it (yyyy-MM-dd).</summary>
    public static string IsoDay(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A time as admins and the API write it (HH:mm).</summary>
    public static string Clock(TimeOnly time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string DayMonth(DateOnly date, Language language) => $"{date.Day} {MonthName(date, language)}";

    public static string DayMonthYear(DateOnly date, Language language) => $"{DayMonth(date, language)} {date.Year}";

    public static string WeekdayDayMonth(DateOnly date, Language language) =>
        $"{(language == Language.English ? EnglishWeekdays : ItalianWeekdays)[(int)date.DayOfWeek]} {DayMonth(date, language)}";

    /// <summary>"24 e 31 dicembre, 1 gennaio" / "24 and 31 December, 1 January": days of the same month share its name.</summary>
    public static string List(IReadOnlyList<DateOnly> dates, Language language)
    {
        var and = language == Language.English ? " and " : " e ";
        var parts = dates.Order()
            .GroupBy(d => (d.Year, d.Month))
            .Select(month => JoinAll(month.Select(d => d.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), and) + " " + MonthName(month.First(), language))
            .ToList();
        return JoinAll(parts, and);
    }

    /// <summary>
    /// A moment in the park's time zone relative to <paramref name="now"/>: "oggi alle 18:30", "domani
    /// alle 10:00", "lunedì 23 novembre alle 10:00" / "today at 18:30", "tomorrow at 10:00", "Monday 23 November at 10:00".
    /// </summary>
    public static string Moment(DateTimeOffset at, DateTimeOffset now, TimeZoneInfo zone, Language language)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var english = language == Language.English;
        var date = day == today ? (english ? "today" : "oggi")
            : day == today.AddDays(1) ? (english ? "tomorrow" : "domani")
            : WeekdayDayMonth(day, language);
        return $"{date} {(english ? "at" : "alle")} {local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static string MonthName(DateOnly date, Language language) =>
        language == Language.English ? EnglishMonths[date.Month - 1] : ItalianMonths[date.Month - 1];

    private static string JoinAll(IReadOnlyList<string> parts, string and) => parts.Count switch
    {
        0 => string.Empty,
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + and + parts[^1],
    };

    /// <summary>The month (1-12) a folded word names, in Italian or English, in full or abbreviated.</summary>
    public static int? MonthOf(string foldedWord)
    {
        for (var i = 0; i < 12; i++)
        {
            var it = ItalianMonths[i];
            var en = EnglishMonths[i].ToLowerInvariant();
            if (foldedWord == it || foldedWord == en ||
                (foldedWord.Length >= 3 && (it.StartsWith(foldedWord, StringComparison.Ordinal) || en.StartsWith(foldedWord, StringComparison.Ordinal))))
            {
                return i + 1;
            }
        }

        return null;
    }
}
