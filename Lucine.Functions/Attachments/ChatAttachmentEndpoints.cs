using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Attachments;

/// <summary>The answer to a chat upload: the message that carries the file.</summary>
public sealed record AttachmentMessageResponse(MessageDto Message);

/// <summary>
/// Files in chats. The visitor's side with the session token, like their messages; the operators' with
/// the rules of the chat: sending is writing (the operator in charge, <see cref="SessionWorkflow"/>), reading
/// is reading the transcript (<see cref="ChatAccess.ToRead"/>).
/// </summary>
public static class ChatAttachmentEndpoints
{
    public static IEndpointRouteBuilder MapChatAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        var visitor = app.MapGroup("/api/chat/{sessionId}/attachments").WithTags("Chat").RequireCors(CorsPolicies.Widget);
        visitor.MapPost("", VisitorUploadAsync).WithName("PostChatAttachment");
        visitor.MapGet("/{attachmentId}", VisitorReadAsync).WithName("GetChatAttachment");

        var staff = app.MapGroup("/api/operator/chats/{sessionId}/attachments").WithTags("Operator chats").RequireAuthorization(LucineIdentity.OperatorPolicy);
        staff.MapPost("", OperatorUploadAsync).WithName("OperatorChatAttachmentUpload");
        staff.MapGet("/{attachmentId}", OperatorReadAsync).WithName("OperatorChatAttachment");
        return app;
    }

    private static async Task<Results<Created<AttachmentMessageResponse>, ProblemHttpResult>> VisitorUploadAsync(
        string sessionId, string? name, string? caption, string? clientMessageId, HttpContext context,
        AttachmentUploads uploads, Conversations conversations, ISessionStore store, CancellationToken cancellationToken)
    {
        if ((SessionIds.Parse(sessionId, out var id) ?? VisitorAuthenticationHandler.Refusal(context, id)) is { } refused)
        {
            return refused;
        }

        return await UploadAsync(context, id, uploads.Read(name, caption, clientMessageId, out var query), query, uploads, conversations, store,
            attachment => new VisitorAttaches(attachment, query.Caption, query.ClientMessageId), StorageScope.VisitorRequest, cancellationToken);
    }

    private static async Task<Results<Created<AttachmentMessageResponse>, ProblemHttpResult>> OperatorUploadAsync(
        string sessionId, string? name, string? caption, string? clientMessageId, HttpContext context,
        AttachmentUploads uploads, Conversations conversations, ISessionStore store, CancellationToken cancellationToken)
    {
        if (SessionIds.Parse(sessionId, out var id) is { } invalid)
        {
            return invalid;
        }

        var user = context.User;
        return await UploadAsync(context, id, uploads.Read(name, caption, clientMessageId, out var query), query, uploads, conversations, store,
            attachment => new OperatorAttaches(user.Operator(), user.MaySupervise(), attachment, query.Caption, query.ClientMessageId), StorageScope.OperatorRequest,
            cancellationToken);
    }

    /// <summary>Stores the file, then decides; a file the decision does not keep (refused, or a repeat of one kept before) is deleted.</summary>
    private static async Task<Results<Created<AttachmentMessageResponse>, ProblemHttpResult>> UploadAsync(
        HttpContext context, SessionId id, ProblemHttpResult? invalidQuery, UploadQuery query, AttachmentUploads uploads, Conversations conversations,
        ISessionStore store, Func<Attachment, SessionInput> input, string scope, CancellationToken cancellationToken)
    {
        if (invalidQuery is not null)
        {
            return invalidQuery;
        }

        var (attachment, problem) = await uploads.StoreAsync(context.Request, AttachmentOwner.Chat, id.Value, query, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var run = await conversations.RunAsync(id, input(attachment!), new RunOptions(scope, RepeatKey: query.ClientMessageId), cancellationToken);
        if (run.Rejection is { } rejection)
        {
            await uploads.DiscardAsync(AttachmentOwner.Chat, id.Value, attachment!);
            return Problems.For(rejection, context);
        }

        ChatMessage message;
        if (run.Prior is { } prior)
        {
            await uploads.DiscardAsync(AttachmentOwner.Chat, id.Value, attachment!);
            var page = await store.ReadMessagesAsync(id, prior.FirstSequence - 1, (int)(prior.LastSequence - prior.FirstSequence + 1), cancellationToken);
            message = page!.Messages.First(m => m.Attachment is not null);
        }
        else
        {
            message = run.Decision!.Messages.Single(m => m.Attachment?.Id == attachment!.Id);
        }

        return TypedResults.Created(
            $"{context.Request.PathBase}{context.Request.Path}/{message.Attachment!.Id}", new AttachmentMessageResponse(MessageDto.From(id, message)));
    }

    private static async Task<Results<AttachmentFile, ProblemHttpResult>> VisitorReadAsync(
        string sessionId, string attachmentId, HttpContext context, AttachmentBlobs blobs, CancellationToken cancellationToken)
    {
        if ((SessionIds.Parse(sessionId, out var id) ?? VisitorAuthenticationHandler.Refusal(context, id)) is { } refused)
        {
            return refused;
        }

        return await ReadAsync(blobs, id, attachmentId, cancellationToken);
    }

    private static async Task<Results<AttachmentFile, ProblemHttpResult>> OperatorReadAsync(
        string sessionId, string attachmentId, HttpContext context, ISessionStore sessions, AttachmentBlobs blobs, CancellationToken cancellationToken)
    {
        if (SessionIds.Parse(sessionId, out var id) is { } invalid)
        {
            return invalid;
        }

        if (await sessions.ReadStateAsync(id, cancellationToken) is not { } state)
        {
            return Problems.For(SessionAggregate.Missing);
        }

        if (ChatAccess.ToRead(state, context.User.Username()!, context.User.MaySupervise()) is { } refused)
        {
            return Problems.For(refused);
        }

        return await ReadAsync(blobs, id, attachmentId, cancellationToken);
    }

    private static Task<Results<AttachmentFile, ProblemHttpResult>> ReadAsync(AttachmentBlobs blobs, SessionId id, string attachmentId, CancellationToken cancellationToken) =>
        AttachmentFile.ReadAsync(blobs, AttachmentOwner.Chat, id.Value, attachmentId, cancellationToken);
}
