using Lucine.Domain;
using Lucine.Domain.Queue;
using Lucine.Domain.Sessions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Chat;

/// <summary>The visitor's side of a conversation: send a message, read the messages after a point.</summary>
public static class ChatFunctions
{
    private const int MaxClientMessageIdLength = 100;

    public static IEndpointRouteBuilder MapChatFunctions(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/api/chat").WithTags("Chat").RequireCors(CorsPolicies.Widget);
        chat.MapPost("", PostAsync).WithName("PostChat");
        chat.MapGet("/{sessionId}/messages", GetMessagesAsync).WithName("GetChatMessages");
        return app;
    }

    private static async Task<Results<Ok<ChatResponse>, ProblemHttpResult>> PostAsync(
        HttpRequest request,
        SessionProcessor processor,
        SessionCredentials credentials,
        ParkClock clock,
        IOptions<ChatOptions> options,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var (body, problem) = await JsonBody.ReadAsync<PostChatRequest>(request, limits.MaxRequestBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (Validate(body!, limits, out var visitorRequest) is { } invalid)
        {
            return invalid;
        }

        SessionId id;
        string? newToken = null;
        if (body!.SessionId is null)
        {
            (id, newToken) = credentials.Open(body.ClientMessageId);
        }
        else
        {
            if (!SessionId.TryParse(body.SessionId, out id))
            {
                return Problems.Invalid("invalid-session-id", "Invalid session id", "sessionId is not a session id Lucine issued.");
            }

            if (Authorize(request, credentials, id) is { } unauthorized)
            {
                return unauthorized;
            }
        }

        ExchangeResult result;
        try
        {
            result = await processor.HandleAsync(id, isNew: newToken is not null, visitorRequest, cancellationToken);
        }
        catch (SessionConflictException)
        {
            return Problems.SessionBusy();
        }
        catch (SessionRejectedException rejected)
        {
            return Problems.Rejected(rejected.Rejection);
        }
        catch (VisitorMustWaitException wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(wait.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.TooManyMessages(wait.RetryAfter);
        }

        var reply = result.Messages.LastOrDefault(m => m.Sender != MessageSender.Visitor);
        return TypedResults.Ok(new ChatResponse(
            id.Value,
            newToken,
            reply?.Text ?? string.Empty,
            result.State.Status,
            reply?.Actions.Select(SmartActionDto.From).ToList() ?? [],
            result.Messages.Select(m => MessageDto.From(id, m)).ToList(),
            reply?.At ?? clock.Now));
    }

    private static async Task<Results<Ok<MessagesResponse>, ProblemHttpResult>> GetMessagesAsync(
        string sessionId,
        string? after,
        string? limit,
        HttpRequest request,
        ISessionStore store,
        SessionCredentials credentials,
        IOptions<ChatOptions> options,
        QueueIndex queue,
        OperatorStore operators,
        QueuePolicy queuePolicy,
        CancellationToken cancellationToken)
    {
        if (!SessionId.TryParse(sessionId, out var id))
        {
            return Problems.Invalid("invalid-session-id", "Invalid session id", "The session id in the path is not a session id Lucine issued.");
        }

        if (Authorize(request, credentials, id) is { } unauthorized)
        {
            return unauthorized;
        }

        long afterSequence = 0;
        if (after is not null && (!long.TryParse(after, out afterSequence) || afterSequence < 0))
        {
            return Problems.Invalid("invalid-cursor", "Invalid cursor", "'after' must be a message sequence number (0 or more).");
        }

        var pageSize = options.Value.PageSize;
        if (limit is not null && (!int.TryParse(limit, out pageSize) || pageSize < 1 || pageSize > options.Value.MaxPageSize))
        {
            return Problems.Invalid("invalid-limit", "Invalid limit", $"'limit' must be between 1 and {options.Value.MaxPageSize}.");
        }

        var page = await store.ReadMessagesAsync(id, afterSequence, pageSize, cancellationToken);
        if (page is null)
        {
            return Problems.SessionNotFound();
        }

        var state = page.State;
        return TypedResults.Ok(new MessagesResponse(
            id.Value,
            state.Status,
            state.Language?.Code(),
            page.Messages.Select(m => MessageDto.From(id, m)).ToList(),
            page.HasMore,
            page.Messages.Count > 0 ? page.Messages[^1].Sequence : afterSequence,
            state.Status == SessionStatus.Queued ? await OperatorChatFunctions.QueueInfoAsync(id, queue, operators, queuePolicy, cancellationToken) : null,
            state.Operator is { } person ? new VisitorOperatorDto(person.DisplayName, person.Avatar) : null));
    }

    private static ProblemHttpResult? Validate(PostChatRequest body, ChatOptions limits, out VisitorRequest visitorRequest)
    {
        visitorRequest = null!;
        if ((body.Message is null) == (body.Action is null))
        {
            return Problems.Invalid("invalid-request", "Message or action required",
                "Send either 'message' (what the visitor wrote) or 'action' (the button pressed), not both.");
        }

        if (body.ClientMessageId is { } clientMessageId && !IsValidClientMessageId(clientMessageId))
        {
            return Problems.Invalid("invalid-client-message-id", "Invalid clientMessageId",
                $"clientMessageId must be 1 to {MaxClientMessageIdLength} characters among letters, digits, '-', '_', '.' and ':'.");
        }

        if (body.Action is { } action)
        {
            if (!VisitorCommandNames.TryParse(action, out var command))
            {
                return Problems.Invalid("unknown-action", "Unknown action",
                    $"'{action}' is not an action a visitor can send; use one of: {string.Join(", ", VisitorCommandNames.All)}.");
            }

            visitorRequest = new VisitorRequest(null, command, body.ClientMessageId);
            return null;
        }

        if (ValidateText(body.Message, limits) is { } invalid)
        {
            return invalid;
        }

        visitorRequest = new VisitorRequest(body.Message, null, body.ClientMessageId);
        return null;
    }

    /// <summary>What any chat message must be, whoever writes it (visitor or operator).</summary>
    public static ProblemHttpResult? ValidateText(string? text, ChatOptions limits)
    {
        // Stored exactly as written; only its emptiness is judged without the surrounding blanks.
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problems.Invalid("empty-message", "Empty message", "The message is empty.");
        }

        // Broken UTF-16 never gets here: the JSON reader rejects it.
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return Problems.Invalid("invalid-characters", "Invalid characters", "The message contains control characters.");
        }

        var characters = text.EnumerateRunes().Count();
        return characters > limits.MaxMessageLength ? Problems.MessageTooLong(limits.MaxMessageLength, characters) : null;
    }

    private static bool IsValidClientMessageId(string value) =>
        value.Length is > 0 and <= MaxClientMessageIdLength &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static ProblemHttpResult? Authorize(HttpRequest request, SessionCredentials credentials, SessionId id)
    {
        var token = request.Headers["X-Session-Token"].FirstOrDefault() ?? BearerToken.From(request);

        if (string.IsNullOrEmpty(token))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"lucine-session\"";
            return Problems.SessionTokenRequired();
        }

        if (!credentials.IsValid(id, token))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"lucine-session\", error=\"invalid_token\"";
            return Problems.InvalidSessionToken();
        }

        return null;
    }
}
