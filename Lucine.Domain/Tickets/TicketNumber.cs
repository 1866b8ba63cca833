using System.Globalization;

namespace Lucine.Domain.Tickets;

/// <summary>
/// What customers and staff quote to find a ticket: <c>LUC-2026-000123</c>. Sequences restart every
/// year; six digits keep a season's numbers aligned, and a bigger sequence just gets longer.
/// </summary>
public readonly record struct TicketNumber(int Year, int Sequence)
{
    public const string Prefix = "LUC";

    public int Year { get; } = IsValidYear(Year)
        ? Year
        : throw new ArgumentOutOfRangeException(nameof(Year), Year, "A ticket number's year has four digits.");

    public int Sequence { get; } = IsValidSequence(Sequence)
        ? Sequence
        : throw new ArgumentOutOfRangeException(nameof(Sequence), Sequence, "A ticket number's sequence starts at 1.");

    /// <summary>
    /// Accepts only the form <see cref="ToString"/> writes (any letter case, surrounding spaces
    /// ignored), so that each ticket has exactly one spelling: "LUC-2026-0000123" is not ticket 123.
    /// </summary>
    /// <summary>A number known to be valid (one Lucine stored or issued); anything else is a bug.</summary>
    public static TicketNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"\"{text}\" is not a ticket number.");

    public static bool TryParse(string? text, out TicketNumber number)
    {
        number = default;
        var trimmed = text?.Trim();
        if (trimmed?.Split('-') is not [_, var year, var sequence]
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var yearValue)
            || !int.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var sequenceValue)
            || !IsValidYear(yearValue)
            || !IsValidSequence(sequenceValue))
        {
            return false;
        }

        var parsed = new TicketNumber(yearValue, sequenceValue);
        if (!parsed.ToString().Equals(trimmed, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        number = parsed;
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:D4}-{Sequence:D6}");

    private static bool IsValidYear(int year) => year is >= 1000 and <= 9999;

    private static bool IsValidSequence(int sequence) => sequence >= 1;
}
