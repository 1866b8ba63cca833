namespace Lucine.Domain.Assistant;

/// <summary>
/// A day the visitor asks about: "oggi", "domani sera", "il 24 dicembre", "Dec 26th", "a Natale",
/// "New Year's Eve", "il 31". A date without a year is its next occurrence from today: visitors ask
/// about visits to come.
/// </summary>
public sealed record DayReference(DateOnly Date, DayReferenceKind Kind, IReadOnlyList<int> TokenIndexes)
{
    private static readonly Dictionary<string, int> RelativeDays = new()
    {
        ["oggi"] = 0, ["stasera"] = 0, ["stanotte"] = 0, ["today"] = 0, ["tonight"] = 0,
        ["domani"] = 1, ["tomorrow"] = 1, ["dopodomani"] = 2,
    };

    /// <summary>Named holidays, as phrases so that the event's own name ("Lucine di Natale",
    /// "Christmas lights") is not read as the 25th of December.</summary>
    private static readonly (string[] Phrase, int Month, int Day)[] Holidays =
    [
        (["vigilia", "di", "capodanno"], 12, 31),
        (["vigilia"], 12, 24),
        (["christmas", "eve"], 12, 24),
        (["a", "natale"], 12, 25),
        (["giorno", "di", "natale"], 12, 25),
        (["il", "natale"], 12, 25),
        (["per", "natale"], 12, 25),
        (["christmas", "day"], 12, 25),
        (["on", "christmas"], 12, 25),
        (["at", "christmas"], 12, 25),
        (["santo", "stefano"], 12, 26),
        (["boxing", "day"], 12, 26),
        (["san", "silvestro"], 12, 31),
        (["ultimo", "dell", "anno"], 12, 31),
        (["new", "year", "s", "eve"], 12, 31),
        (["new", "years", "eve"], 12, 31),
        (["capodanno"], 1, 1),
        (["new", "year", "s", "day"], 1, 1),
        (["new", "years", "day"], 1, 1),
        (["epifania"], 1, 6),
        (["befana"], 1, 6),
        (["epiphany"], 1, 6),
        (["immacolata"], 12, 8),
    ];

    public static DayReference? Find(IReadOnlyList<string> tokens, DateOnly today)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (RelativeDays.TryGetValue(tokens[i], out var offset))
            {
                return new DayReference(today.AddDays(offset), offset == 0 ? DayReferenceKind.Today : offset == 1 ? DayReferenceKind.Tomorrow : DayReferenceKind.Date, [i]);
            }
        }

        foreach (var (phrase, month, day) in Holidays)
        {
            var start = IndexOfPhrase(tokens, phrase);
            if (start >= 0)
            {
                // "a natale" consumes only "natale": the preposition is not the subject.
                var indexes = Enumerable.Range(start, phrase.Length).Where(i => !Lexicon.IsStopword(tokens[i])).ToList();
                return new DayReference(NextOccurrence(today, month, day), DayReferenceKind.Date, indexes);
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (DayNumber(tokens[i]) is not { } dayNumber)
            {
                continue;
            }

            // "24 dicembre", "24 di dicembre", "december 24", "dec 24th", "24/12" (folded to "24 12").
            int? month = null;
            var indexes = new List<int> { i };
            if (i + 1 < tokens.Count && DateText.MonthOf(tokens[i + 1]) is { } after)
            {
                month = after;
                indexes.Add(i + 1);
            }
            else if (i + 2 < tokens.Count && tokens[i + 1] == "di" && DateText.MonthOf(tokens[i + 2]) is { } afterDi)
            {
                month = afterDi;
                indexes.Add(i + 2);
            }
            else if (i > 0 && DateText.MonthOf(tokens[i - 1]) is { } before)
            {
                month = before;
                indexes.Add(i - 1);
            }
            else if (i + 1 < tokens.Count && int.TryParse(tokens[i + 1], out var numericMonth) && numericMonth is >= 1 and <= 12
                     && !LooksLikeTime(tokens, i))
            {
                month = numericMonth;
                indexes.Add(i + 1);
            }

            if (month is { } m && dayNumber <= DateTime.DaysInMonth(2000, m))
            {
                return new DayReference(NextOccurrence(today, m, dayNumber), DayReferenceKind.Date, indexes);
            }

            // "il 31", "l'8", "on the 26th": the next day with that number.
            if (month is null && i > 0 && tokens[i - 1] is "il" or "l" or "the")
            {
                return new DayReference(NextOccurrence(today, dayNumber), DayReferenceKind.Date, indexes);
            }
        }

        return null;
    }

    private static DateOnly NextOccurrence(DateOnly today, int month, int day)
    {
        for (var year = today.Year; ; year++)
        {
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) is var date && date >= today)
            {
                return date;
            }
        }
    }

    private static DateOnly NextOccurrence(DateOnly today, int day)
    {
        var date = today;
        while (date.Day != day)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static int? DayNumber(string token)
    {
        var digits = token.TakeWhile(char.IsAsciiDigit).Count();
        if (digits is 0 or > 2)
        {
            return null;
        }

        var suffix = token[digits..];
        if (suffix is not ("" or "st" or "nd" or "rd" or "th"))
        {
            return null;
        }

        var day = int.Parse(token[..digits], System.Globalization.CultureInfo.InvariantCulture);
        return day is >= 1 and <= 31 ? day : null;
    }

    /// <summary>"alle 17 30" is a time, not the 17th of a thirtieth month; "17 12" after "alle"/"at" is a time too.</summary>
    private static bool LooksLikeTime(IReadOnlyList<string> tokens, int index) =>
        index > 0 && tokens[index - 1] is "alle" or "ore" or "at" or "dalle" or "from" or "until" or "fino";

    private static int IndexOfPhrase(IReadOnlyList<string> tokens, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= tokens.Count; i++)
        {
            var all = true;
            for (var j = 0; j < phrase.Length && all; j++)
            {
                all = tokens[i + j] == phrase[j];
            }

            if (all)
            {
                return i;
            }
        }

        return -1;
    }
}

public enum DayReferenceKind
{
    Today,
    Tomorrow,
    Date,
}
