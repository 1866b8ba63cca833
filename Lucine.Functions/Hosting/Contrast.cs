using System.Globalization;

namespace Lucine.Functions.Hosting;

/// <summary>A colour as configuration writes it, <c>#rrggbb</c>.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static bool TryParse(string? text, out Rgb colour)
    {
        colour = default;
        if (text is not { Length: 7 } || text[0] != '#'
            || !int.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        colour = new Rgb((byte)(value >> 16), (byte)(value >> 8), (byte)value);
        return true;
    }

    /// <summary>WCAG 2.1 relative luminance: 0 for black, 1 for white.</summary>
    public double Luminance => (0.2126 * Linear(R)) + (0.7152 * Linear(G)) + (0.0722 * Linear(B));

    private static double Linear(byte channel)
    {
        var s = channel / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}

/// <summary>WCAG 2.1 contrast between two colours, from 1 (the same) to 21 (black on white).</summary>
public static class Contrast
{
    /// <summary>Level AA for text of normal size (WCAG 2.1, 1.4.3).</summary>
    public const double MinimumForText = 4.5;

    public static double Ratio(Rgb one, Rgb other)
    {
        var (lighter, darker) = one.Luminance >= other.Luminance ? (one.Luminance, other.Luminance) : (other.Luminance, one.Luminance);
        return (lighter + 0.05) / (darker + 0.05);
    }
}
