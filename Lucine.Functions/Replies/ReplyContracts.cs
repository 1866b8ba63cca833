using Lucine.Domain.Replies;

namespace Lucine.Functions.Replies;

/// <summary>A reply as a supervisor writes it: the same body creates one and replaces one.</summary>
public sealed record ReplyRequest(string? Title, string? Shortcut, ReplyTextRequest? Text);

public sealed record ReplyTextRequest(string? It, string? En);

/// <summary>A reply as operators read it; <c>version</c> is the ETag an edit sends back as If-Match.</summary>
public sealed record ReplyResponse(string Id, string Title, string Shortcut, LocalizedText Text, string UpdatedBy, DateTimeOffset UpdatedAt, int Version)
{
    public static ReplyResponse From(CannedReply reply) =>
        new(reply.Id, reply.Title, reply.Shortcut, reply.Text, reply.UpdatedBy, reply.UpdatedAt, reply.Version);
}
