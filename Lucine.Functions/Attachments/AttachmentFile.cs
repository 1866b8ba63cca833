using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Attachments;

/// <summary>
/// A stored file as the answer: its type found from the bytes, never sniffed (nosniff), images inline and
/// PDFs as downloads, in a sandbox that runs nothing, never cached by a shared cache or kept by the browser.
/// </summary>
public sealed class AttachmentFile(StoredFile file) : IResult
{
    /// <summary>One of a conversation's or ticket's files, once the caller may read that conversation or ticket.</summary>
    public static async Task<Results<AttachmentFile, ProblemHttpResult>> ReadAsync(
        AttachmentBlobs blobs, AttachmentOwner owner, string key, string attachmentId, CancellationToken cancellationToken) =>
        Attachment.IsId(attachmentId) && await blobs.OpenAsync(owner, key, attachmentId, cancellationToken) is { } file
            ? new AttachmentFile(file)
            : Problems.AttachmentNotFound();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var headers = response.Headers;
        response.ContentType = file.Type;
        response.ContentLength = file.Length;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = $"{(AttachmentContent.IsImage(file.Type) ? "inline" : "attachment")}; filename*=UTF-8''{Uri.EscapeDataString(file.Name)}";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, no-store";
        await using (file.Content)
        {
            await file.Content.CopyToAsync(response.Body, httpContext.RequestAborted);
        }
    }
}
