namespace Lucine.Domain.Attachments;

/// <summary>What a file's first bytes say it is.</summary>
public enum ContentVerdict
{
    /// <summary>JPEG, PNG, WebP or PDF: accepted.</summary>
    Accepted,

    /// <summary>A HEIC or HEIF image (an iPhone's photo): refused with its own advice, to send it as JPEG.</summary>
    Heic,

    /// <summary>Anything else, whatever its name says (an HTML page named .png lands here).</summary>
    Unsupported,
}

/// <summary>
/// The type of a file found from its bytes (magic numbers), never from its name or the type the client
/// sent: a browser shown our Content-Type with nosniff then treats it as what it really is.
/// </summary>
public static class AttachmentContent
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Pdf = "application/pdf";

    /// <summary>How many leading bytes <see cref="Recognise"/> needs to decide.</summary>
    public const int HeadLength = 16;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The ISO base media brands of HEIC/HEIF images (image sequences included).</summary>
    private static readonly string[] HeifBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "heif", "avci"];

    /// <param name="head">The file's first bytes (at least <see cref="HeadLength"/> when the file is that long).</param>
    /// <param name="type">The accepted type, when the verdict is <see cref="ContentVerdict.Accepted"/>.</param>
    public static ContentVerdict Recognise(ReadOnlySpan<byte> head, out string? type)
    {
        type = head switch
        {
            [0xFF, 0xD8, 0xFF, ..] => Jpeg,
            _ when head.StartsWith(PngSignature) => Png,
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => WebP,
            [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => Pdf,
            _ => null,
        };
        return type is not null ? ContentVerdict.Accepted : IsHeif(head) ? ContentVerdict.Heic : ContentVerdict.Unsupported;
    }

    /// <summary>Images are shown inline; PDFs are downloaded, never shown inline: a viewer may run what they carry.</summary>
    public static bool IsImage(string type) => type is Jpeg or Png or WebP;

    /// <summary>The file name's extension that goes with a type, for a name that has none of its own.</summary>
    public static string ExtensionOf(string type) => type switch
    {
        Jpeg => ".jpg",
        Png => ".png",
        WebP => ".webp",
        _ => ".pdf",
    };

    /// <summary>An ISO base media file starts with its <c>ftyp</c> box: size (4 bytes), "ftyp", then the major brand.</summary>
    private static bool IsHeif(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8)
        && HeifBrands.Contains(System.Text.Encoding.ASCII.GetString(head[8..12]));
}
