namespace Lucine.Domain.Assistant;

/// <summary>
/// A keyword as the knowledge base writes it: a word ("parcheggio"), a stem ("parchegg*"), a phrase
/// of words and stems ("quanto dura", "car park*"), or "@date" for any mention of a day.
/// Matching forgives one typo in words of five letters or more, two from nine.
/// </summary>
public sealed class Keyword
{
    public const string DayMarker = "@date";

    private readonly Part[] parts;

    private Keyword(string source, Part[] parts, bool isDay)
    {
        Source = source;
        this.parts = parts;
        IsDay = isDay;
    }

    public string Source { get; }

    public bool IsDay { get; }

    public static Keyword? Parse(string source, out KeywordError? error)
    {
        error = null;
        if (source.Trim() == DayMarker)
        {
            return new Keyword(source, [], isDay: true);
        }

        var words = source.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = new List<Part>();
        foreach (var word in words)
        {
            var isStem = word.EndsWith('*');
            var folded = TextNormalizer.Fold(isStem ? word[..^1] : word);
            if (folded.Length == 0 || folded.Contains(' '))
            {
                error = new("keyword-not-a-word", word, $"keyword \"{source}\": \"{word}\" is not a single word (apostrophes and punctuation split words; write them as separate words)");
                return null;
            }

            if (isStem && folded.Length < 3)
            {
                error = new("keyword-stem-too-short", word, $"keyword \"{source}\": the stem \"{word}\" is too short to mean anything (at least 3 letters)");
                return null;
            }

            parsed.Add(new Part(folded, isStem));
        }

        if (parsed.Count == 0)
        {
            error = new("keyword-empty", "", "empty keyword");
            return null;
        }

        return new Keyword(source, [.. parsed], isDay: false);
    }

    /// <summary>The token positions this keyword matches in the message, and whether only with a typo.
    /// <paramref name="forgiveTypos"/> is off where a near miss costs more than a miss ("preso" is not "perso").</summary>
    public KeywordMatch? Match(MessageAnalysis message, bool forgiveTypos = true)
    {
        if (IsDay)
        {
            return message.Day is { } day ? new KeywordMatch(day.TokenIndexes, Fuzzy: false) : null;
        }

        var tokens = message.Tokens;
        List<int>? matched = null;
        var anyExact = false;
        for (var start = 0; start + parts.Length <= tokens.Count; start++)
        {
            var fuzzy = false;
            var all = true;
            for (var p = 0; p < parts.Length && all; p++)
            {
                switch (parts[p].Compare(tokens[start + p], forgiveTypos))
                {
                    case Closeness.Exact:
                        break;
                    case Closeness.Typo:
                        fuzzy = true;
                        break;
                    default:
                        all = false;
                        break;
                }
            }

            if (all)
            {
                matched ??= [];
                matched.AddRange(Enumerable.Range(start, parts.Length));
                anyExact |= !fuzzy;
            }
        }

        return matched is null ? null : new KeywordMatch(matched.Distinct().ToList(), Fuzzy: !anyExact);
    }

    private sealed record Part(string Text, bool IsStem)
    {
        public Closeness Compare(string token, bool forgiveTypos)
        {
            if (IsStem ? token.StartsWith(Text, StringComparison.Ordinal) : token == Text)
            {
                return Closeness.Exact;
            }

            if (!forgiveTypos || token.Length < 4 || token.AsSpan().ContainsAnyInRange('0', '9') || Lexicon.IsStopword(token))
            {
                return Closeness.None;
            }

            if (IsStem)
            {
                // A stem is compared with the token's beginning, a letter shorter or longer to
                // allow for a dropped or doubled letter ("parcegg" for "parchegg").
                if (Text.Length < 6)
                {
                    return Closeness.None;
                }

                for (var length = Text.Length - 1; length <= Text.Length + 1; length++)
                {
                    if (length <= token.Length && EditDistance.Bounded(Text, token.AsSpan(0, length), 1) <= 1)
                    {
                        return Closeness.Typo;
                    }
                }

                return Closeness.None;
            }

            if (Text.Length < 5)
            {
                return Closeness.None;
            }

            var allowed = Text.Length >= 9 ? 2 : 1;
            return EditDistance.Bounded(Text, token, allowed) <= allowed ? Closeness.Typo : Closeness.None;
        }
    }

    private enum Closeness
    {
        None,
        Typo,
        Exact,
    }
}

public sealed record KeywordMatch(IReadOnlyList<int> TokenIndexes, bool Fuzzy);

/// <summary>A visitor message prepared once for matching against every topic.</summary>
public sealed record MessageAnalysis(IReadOnlyList<string> Tokens, DayReference? Day)
{
    public static MessageAnalysis Of(string text, DateOnly today)
    {
        var tokens = TextNormalizer.Tokens(text);
        return new MessageAnalysis(tokens, DayReference.Find(tokens, today));
    }
}

/// <summary>Why a keyword is refused: a stable code, the word at fault (empty when none), the English sentence.</summary>
public sealed record KeywordError(string Code, string Word, string Text)
{
    public override string ToString() => Text;
}
