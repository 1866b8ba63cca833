namespace Lucine.Domain.Assistant;

/// <summary>
/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), the usual shape of
/// a typo on a phone keyboard: "bilgietto", "parcheggo", "orrari".
/// </summary>
public static class EditDistance
{
    private const int MaxStackWidth = 128;

    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>, or
    /// <c>limit + 1</c> as soon as it is known to exceed <paramref name="limit"/>.</summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        // Three rows of the matrix: on the stack for the words of a chat message (every keyword of the
        // knowledge base is compared with every word a visitor writes).
        var width = b.Length + 1;
        var rows = width <= MaxStackWidth ? stackalloc int[3 * width] : new int[3 * width];
        var previousPrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            var oldest = previousPrevious;
            previousPrevious = previous;
            previous = current;
            current = oldest;
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}
