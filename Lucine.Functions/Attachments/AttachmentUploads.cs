using System.Buffers;
using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Attachments;

/// <summary>The query of an upload: the file's name, an optional caption and (chats) the client's message id.</summary>
public sealed record UploadQuery(string? Name, string Caption, string? ClientMessageId);

/// <summary>
/// Takes a file from a request (the raw bytes as the body, not multipart) and stores it before the
/// decision: too large is refused by its Content-Length, and again while reading; the type is found
/// from the bytes; the name is sanitised. If the decision then refuses it, <see cref="DiscardAsync"/> deletes it.
/// </summary>
public sealed class AttachmentUploads(AttachmentBlobs blobs, IOptions<AttachmentOptions> options)
{
    private const int IdBytes = 12;

    /// <summary>The query's fields, checked: a caption is plain text like a message, a client message id as the chat's.</summary>
    public ProblemHttpResult? Read(string? name, string? caption, string? clientMessageId, out UploadQuery query)
    {
        query = new UploadQuery(name, caption ?? string.Empty, clientMessageId);
        var limit = options.Value.MaxCaptionLength;
        if (!PlainText.IsAcceptable(query.Caption) || query.Caption.EnumerateRunes().Count() > limit || (name is not null && name.Length > 1000))
        {
            return Problems.InvalidCaption(limit);
        }

        return clientMessageId is not null && !VisitorInputs.IsValidClientMessageId(clientMessageId)
            ? Problems.Invalid("invalid-client-message-id", "Invalid clientMessageId", "clientMessageId must be 1 to 100 characters among letters, digits, '-', '_', '.' and ':'.")
            : null;
    }

    /// <summary>Reads, checks and stores the request's file as one of <paramref name="key"/>'s (a session id or a ticket number).</summary>
    public async Task<(Attachment? Attachment, ProblemHttpResult? Problem)> StoreAsync(
        HttpRequest request, AttachmentOwner owner, string key, UploadQuery query, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBytes;
        if (request.ContentLength > max)
        {
            return (null, Problems.AttachmentTooLarge(max));
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(max + 1, request.ContentLength ?? 64 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        return (null, Problems.AttachmentTooLarge(max));
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(max + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    return (null, Problems.AttachmentTooLarge(max));
                }
            }

            if (length == 0)
            {
                return (null, Problems.EmptyAttachment());
            }

            var bytes = buffer.AsMemory(0, length);
            switch (AttachmentContent.Recognise(bytes.Span[..Math.Min(length, AttachmentContent.HeadLength)], out var type))
            {
                case ContentVerdict.Heic:
                    return (null, Problems.AttachmentHeic());
                case ContentVerdict.Unsupported:
                    return (null, Problems.AttachmentTypeUnsupported());
            }

            var attachment = new Attachment(NewId(), AttachmentNames.Sanitise(query.Name, type!), type!, length);
            await blobs.UploadAsync(owner, key, attachment, bytes, cancellationToken);
            return (attachment, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The decision did not keep the file (refused, or a repeat of an upload already kept): its blob goes.</summary>
    public Task DiscardAsync(AttachmentOwner owner, string key, Attachment attachment) =>
        blobs.DeleteAsync(owner, key, attachment.Id, CancellationToken.None);

    /// <summary>24 lowercase hex characters of randomness: no one guesses another file's id.</summary>
    private static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(IdBytes));
}
