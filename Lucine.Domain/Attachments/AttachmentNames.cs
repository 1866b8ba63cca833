using System.Text;

namespace Lucine.Domain.Attachments;

/// <summary>
/// The name a file is shown and downloaded under: plain text (what <see cref="PlainText"/> accepts, no
/// line breaks), no folders, no characters file systems refuse, at most <see cref="MaxLength"/>
/// characters with its extension kept, and never empty.
/// </summary>
public static class AttachmentNames
{
    public const int MaxLength = 100;

    private const int MaxExtension = 10;

    /// <summary>Characters that Windows, macOS or a shell would read as something else than a name.</summary>
    private static readonly char[] Refused = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    /// <param name="type">The type found from the bytes: gives the extension of a name that ends up with none.</param>
    public static string Sanitise(string? given, string type)
    {
        // A path's last part only: "C:\fakepath\foto.jpg" (old browsers) or "../../x.png".
        var name = (given ?? string.Empty).Split('/', '\\').Last();
        var kept = new StringBuilder(name.Length);
        foreach (var rune in PlainText.Clean(name).EnumerateRunes())
        {
            kept.Append(Rune.IsControl(rune) || rune.IsAscii && Refused.Contains((char)rune.Value) ? "_" : rune.ToString());
        }

        name = kept.ToString().Trim().Trim('.').Trim();
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= MaxExtension ? name[dot..] : string.Empty;
        var stem = extension.Length > 0 ? name[..dot] : name;
        if (stem.Length == 0)
        {
            stem = "file";
        }

        if (extension.Length == 0)
        {
            extension = AttachmentContent.ExtensionOf(type);
        }

        var room = MaxLength - extension.Length;
        if (stem.Length > room)
        {
            stem = stem[..room];
            // A cut must not leave half a surrogate pair.
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }
        }

        return stem.TrimEnd() + extension;
    }
}
