using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Attachments;

/// <summary>The answer to a customer's ticket upload: their entry that carries the file.</summary>
public sealed record CustomerAttachmentResponse(CustomerTicketEntryDto Entry);

/// <summary>The answer to a staff ticket upload: the reply that carries the file.</summary>
public sealed record StaffAttachmentResponse(TicketEntryDto Entry);

/// <summary>
/// Files on tickets. The customer's side with the ticket's access code, like reading it (and its
/// per-address rate limit); the staff's with the ticket API's rules (the permission matrix).
/// </summary>
public static class TicketAttachmentEndpoints
{
    public static IEndpointRouteBuilder MapTicketAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        var customer = app.MapGroup("/api/tickets/{number}/attachments").WithTags("Tickets")
            .RequireCors(CorsPolicies.Widget).RequireRateLimiting(CustomerTicketEndpoints.RateLimitPolicy);
        customer.MapPost("", CustomerUploadAsync).WithName("PostTicketAttachment");
        customer.MapGet("/{attachmentId}", CustomerReadAsync).WithName("GetTicketAttachment");

        var staff = app.MapGroup("/api/operator/tickets/{number}/attachments").WithTags("Operator tickets").RequireAuthorization(LucineIdentity.OperatorPolicy);
        staff.MapPost("", StaffUploadAsync).WithName("OperatorTicketAttachmentUpload");
        staff.MapGet("/{attachmentId}", StaffReadAsync).WithName("OperatorTicketAttachment");
        return app;
    }

    private static async Task<Results<Created<CustomerAttachmentResponse>, ProblemHttpResult>> CustomerUploadAsync(
        string number, string? access, string? name, string? caption, HttpRequest request, TicketCredentials credentials, AttachmentUploads uploads, TicketDesk desk,
        CancellationToken cancellationToken)
    {
        if (credentials.Refusal(number, access, request, out var parsed) is { } refused)
        {
            return refused;
        }

        var (entry, problem) = await UploadAsync(request, parsed, uploads.Read(name, caption, null, out var query), query, uploads, desk,
            attachment => new CustomerAttaches(attachment, query.Caption), cancellationToken);
        return problem ?? (Results<Created<CustomerAttachmentResponse>, ProblemHttpResult>)TypedResults.Created(
            Location(request, entry!), new CustomerAttachmentResponse(CustomerTicketEntryDto.From(entry!)));
    }

    private static async Task<Results<Created<StaffAttachmentResponse>, ProblemHttpResult>> StaffUploadAsync(
        string number, string? name, string? caption, HttpRequest request, AttachmentUploads uploads, TicketDesk desk, CancellationToken cancellationToken)
    {
        if (!TicketNumber.TryParse(number, out var parsed))
        {
            return Problems.InvalidTicketNumber();
        }

        var actor = request.HttpContext.User.Username()!;
        var (entry, problem) = await UploadAsync(request, parsed, uploads.Read(name, caption, null, out var query), query, uploads, desk,
            attachment => new StaffAttaches(actor, attachment, query.Caption), cancellationToken);
        return problem ?? (Results<Created<StaffAttachmentResponse>, ProblemHttpResult>)TypedResults.Created(
            Location(request, entry!), new StaffAttachmentResponse(TicketEntryDto.From(entry!)));
    }

    /// <summary>Stores the file, then decides; a file the decision refuses is deleted.</summary>
    private static async Task<(TicketEntry? Entry, ProblemHttpResult? Problem)> UploadAsync(
        HttpRequest request, TicketNumber number, ProblemHttpResult? invalidQuery, UploadQuery query, AttachmentUploads uploads, TicketDesk desk,
        Func<Attachment, TicketInput> input, CancellationToken cancellationToken)
    {
        if (invalidQuery is not null)
        {
            return (null, invalidQuery);
        }

        var key = number.ToString();
        var (attachment, problem) = await uploads.StoreAsync(request, AttachmentOwner.Ticket, key, query, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var run = await desk.ApplyAsync(number, input(attachment!), cancellationToken);
        if (run.Rejection is { } rejection)
        {
            await uploads.DiscardAsync(AttachmentOwner.Ticket, key, attachment!);
            return (null, Problems.For(rejection, request.HttpContext));
        }

        return (run.Decision!.Entries.Single(e => e.Attachment?.Id == attachment!.Id), null);
    }

    private static async Task<Results<AttachmentFile, ProblemHttpResult>> CustomerReadAsync(
        string number, string attachmentId, string? access, HttpRequest request, TicketCredentials credentials, AttachmentBlobs blobs, CancellationToken cancellationToken) =>
        credentials.Refusal(number, access, request, out var parsed) is { } refused ? refused : await ReadAsync(blobs, parsed, attachmentId, cancellationToken);

    private static async Task<Results<AttachmentFile, ProblemHttpResult>> StaffReadAsync(
        string number, string attachmentId, AttachmentBlobs blobs, CancellationToken cancellationToken) =>
        TicketNumber.TryParse(number, out var parsed) ? await ReadAsync(blobs, parsed, attachmentId, cancellationToken) : Problems.InvalidTicketNumber();

    private static Task<Results<AttachmentFile, ProblemHttpResult>> ReadAsync(AttachmentBlobs blobs, TicketNumber number, string attachmentId, CancellationToken cancellationToken) =>
        AttachmentFile.ReadAsync(blobs, AttachmentOwner.Ticket, number.ToString(), attachmentId, cancellationToken);

    private static string Location(HttpRequest request, TicketEntry entry) => $"{request.PathBase}{request.Path}/{entry.Attachment!.Id}";
}
