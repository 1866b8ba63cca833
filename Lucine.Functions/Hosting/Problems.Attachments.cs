using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Hosting;

/// <summary>The attachments' problems: a file refused before anything is stored.</summary>
public static partial class Problems
{
    public static ProblemHttpResult AttachmentTooLarge(long maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "attachment-too-large", "File too large",
            $"A file can be at most {maxBytes / (1024 * 1024)} MiB ({maxBytes} bytes).");

    public static ProblemHttpResult EmptyAttachment() =>
        Invalid("invalid-attachment", "Empty file", "The file is empty: send its bytes as the request body.");

    public static ProblemHttpResult AttachmentTypeUnsupported() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "attachment-type-unsupported", "File type not accepted",
            "Only JPEG, PNG and WebP images and PDF documents are accepted; the file's content is none of these, whatever its name says.");

    /// <summary>An iPhone's photo: refused with the way to send it (browsers cannot show HEIC).</summary>
    public static ProblemHttpResult AttachmentHeic() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "attachment-heic", "HEIC photos are not accepted",
            "HEIC/HEIF photos cannot be shown here: send the photo as JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible, or share it as JPEG).");

    public static ProblemHttpResult InvalidCaption(int maxCharacters) =>
        Invalid("invalid-caption", "Invalid caption", $"A caption is plain text of at most {maxCharacters} characters.");

    public static ProblemHttpResult AttachmentNotFound() =>
        NotFound("attachment-not-found", "Attachment not found", "This conversation or ticket has no attachment with this id.");
}
