using System.Text;
using System.Text.RegularExpressions;

namespace Lucine.Domain;

/// <summary>
/// The one placeholder syntax of customer texts: <c>{name}</c>. Every name is checked when the texts
/// are loaded, so a visitor never reads a raw "{price.open}" or a "[missing text]".
/// </summary>
public static partial class Placeholders
{
    [GeneratedRegex(@"\{([A-Za-z0-9_.]+)\}")]
    private static partial Regex Pattern();

    public static IEnumerable<string> Names(string template) =>
        Pattern().Matches(template).Select(m => m.Groups[1].Value);

    public static string Render(string template, Func<string, string?> lookup)
    {
        var result = new StringBuilder(template.Length + 64);
        var last = 0;
        foreach (Match match in Pattern().Matches(template))
        {
            result.Append(template, last, match.Index - last);
            var name = match.Groups[1].Value;
            result.Append(lookup(name) ?? throw new InvalidOperationException($"No value for placeholder {{{name}}}: the texts were not validated against the facts."));
            last = match.Index + match.Length;
        }

        result.Append(template, last, template.Length - last);
        return result.ToString();
    }
}
