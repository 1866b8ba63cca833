namespace Lucine.Domain.Attachments;

/// <summary>
/// A file sent in a conversation or on a ticket, as the message or entry that carries it records it:
/// <paramref name="Type"/> is the type found from its bytes (<see cref="AttachmentContent"/>), never the
/// one the sender claimed; <paramref name="Name"/> is the sanitised name (<see cref="AttachmentNames"/>),
/// plain text. The bytes are stored apart, under <paramref name="Id"/>.
/// </summary>
public sealed record Attachment(string Id, string Name, string Type, long Size)
{
    /// <summary>An id is 16 to 32 of a-z and 0-9: it is part of a blob's name and of a URL, so nothing else may reach either.</summary>
    public static bool IsId(string? id) =>
        id is { Length: >= 16 and <= 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'z');
}
