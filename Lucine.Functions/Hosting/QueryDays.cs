using System.Globalization;

namespace Lucine.Functions.Hosting;

/// <summary>The days of a query string (<c>from</c>, <c>to</c>): exactly <c>yyyy-MM-dd</c>, UTC.</summary>
public static class QueryDays
{
    /// <summary>Absent is fine (null); otherwise a day exactly as yyyy-MM-dd.</summary>
    public static bool TryParse(string? text, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }
}
