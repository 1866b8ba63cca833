using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Knowledge;

/// <summary>How knowledge base versions saved by admins reach every instance, and how large they may be.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>
    /// The largest limit that still fits one stored entity: Table Storage keeps strings as UTF-16 (two
    /// bytes a character, and a character is at least one byte of the document) and an entity holds 1 MiB.
    /// </summary>
    public const int MaxStorableBytes = 448 * 1024;

    /// <summary>
    /// How long an instance trusts the version it has before it looks at the stored pointer again (one
    /// point read): a version saved on another instance is answered with at most this much later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest document an admin may save, in bytes of UTF-8.</summary>
    [Range(1024, MaxStorableBytes)]
    public int MaxDocumentBytes { get; set; } = 256 * 1024;
}
