using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Every error Lucine returns, as RFC 9457 problem+json with a stable <c>type</c> that clients can
/// branch on. The detail says what was wrong with the request, never how the server failed.
/// </summary>
public static partial class Problems
{
    public const string TypePrefix = "urn:lucine:problem:";

    public static ProblemHttpResult UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
            "Send the request body as JSON with the header Content-Type: application/json.");

    public static ProblemHttpResult BodyTooLarge(int maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large",
            $"The request body must be at most {maxBytes} bytes.");

    public static ProblemHttpResult InvalidJson(string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid-json", "The body is not valid JSON", detail);

    public static ProblemHttpResult Invalid(string slug, string title, string detail) =>
        Create(StatusCodes.Status400BadRequest, slug, title, detail);

    /// <summary>Text with a character nobody writes: a control character (but line breaks and tabs), a noncharacter (U+FFFE…), a broken surrogate.</summary>
    public static ProblemHttpResult InvalidCharacters(string what) =>
        Invalid("invalid-characters", "Invalid characters", $"{what} contains characters that cannot be written (control characters or noncharacters).");

    public static ProblemHttpResult MessageTooLong(int maxCharacters, int actual) =>
        Create(StatusCodes.Status413PayloadTooLarge, "message-too-long", "Message too long",
            $"A message can be at most {maxCharacters} characters; this one has {actual}.");

    public static ProblemHttpResult SessionTokenRequired() =>
        Create(StatusCodes.Status401Unauthorized, "session-token-required", "Session token required",
            "Send the sessionToken you received when the session was created, as 'Authorization: Bearer <token>' or 'X-Session-Token: <token>'.");

    public static ProblemHttpResult InvalidSessionToken() =>
        Create(StatusCodes.Status401Unauthorized, "invalid-session-token", "Invalid session token",
            "The session token does not belong to this session. Start a new session by sending a message without a sessionId.");


    public static ProblemHttpResult OperatorTokenRequired() =>
        Create(StatusCodes.Status401Unauthorized, "operator-token-required", "Operator token required",
            "Log in with POST /api/operators/login and send the token as 'Authorization: Bearer <token>'.");

    public static ProblemHttpResult InvalidOperatorToken() =>
        Create(StatusCodes.Status401Unauthorized, "invalid-operator-token", "Invalid or expired token",
            "The token is not valid any more (expired, logged out, or not issued by Lucine). Log in again.");

    public static ProblemHttpResult Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "Not allowed", detail);

    public static ProblemHttpResult PasswordChangeRequired() =>
        Create(StatusCodes.Status403Forbidden, "password-change-required", "Password change required",
            "An admin reset this account's password: choose your own with PUT /api/operators/me/password first.");

    public static ProblemHttpResult InvalidCredentials() =>
        Create(StatusCodes.Status401Unauthorized, "invalid-credentials", "Invalid username or password", "The username or the password is wrong.");

    public static ProblemHttpResult TooManyLogins(TimeSpan retryAfter) =>
        Create(StatusCodes.Status429TooManyRequests, "too-many-logins", "Too many login attempts",
            $"Too many login attempts from this address or for this username; retry in {Math.Ceiling(retryAfter.TotalMinutes)} minutes.");

    public static ProblemHttpResult LoginDelayed(TimeSpan retryAfter) =>
        Create(StatusCodes.Status429TooManyRequests, "login-delayed", "Login delayed",
            $"Recent failed logins for this username: wait {Math.Ceiling(retryAfter.TotalSeconds)} seconds before the next attempt.");

    public static ProblemHttpResult NotFound(string slug, string title, string detail) =>
        Create(StatusCodes.Status404NotFound, slug, title, detail);

    public static ProblemHttpResult Conflict(string slug, string title, string detail) =>
        Create(StatusCodes.Status409Conflict, slug, title, detail);

    public static ProblemHttpResult InvalidTicketNumber() =>
        Create(StatusCodes.Status400BadRequest, "invalid-ticket-number", "Invalid ticket number", "A ticket number looks like LUC-2026-000123.");

    public static ProblemHttpResult TicketAccessRequired() =>
        Create(StatusCodes.Status401Unauthorized, "ticket-access-required", "Access code required",
            "Send the access code from the ticket's confirmation as 'X-Ticket-Access: <code>' (or '?access=<code>').");

    public static ProblemHttpResult InvalidTicketAccess() =>
        Create(StatusCodes.Status401Unauthorized, "invalid-ticket-access", "Invalid access code", "The access code does not belong to this ticket.");

    public static ProblemHttpResult ResumeLinkExpired() =>
        Create(StatusCodes.Status410Gone, "resume-link-expired", "Link expired",
            "This link to resume the conversation has expired; the ticket is still open and the staff will answer on your channel.");

    public static ProblemHttpResult InvalidResumeLink() =>
        Create(StatusCodes.Status400BadRequest, "invalid-resume-link", "Invalid link", "This is not a link to resume a conversation issued by Lucine.");

    public static ProblemHttpResult TooManySessions(TimeSpan retryAfter) =>
        Create(StatusCodes.Status429TooManyRequests, "too-many-sessions", "Too many new conversations",
            $"Too many conversations opened from this address; retry in {Math.Ceiling(retryAfter.TotalSeconds)} seconds, or continue an open one with its session token.");

    public static ProblemHttpResult TooManyTicketRequests(TimeSpan retryAfter) =>
        Create(StatusCodes.Status429TooManyRequests, "too-many-ticket-requests", "Too many requests",
            $"Too many requests to the ticket service from this address; retry in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.");

    public static ProblemHttpResult TooManyTickets(TimeSpan retryAfter) =>
        Create(StatusCodes.Status429TooManyRequests, "too-many-tickets", "Too many requests",
            $"Too many tickets were opened from this address; retry in {Math.Ceiling(retryAfter.TotalMinutes)} minutes.");

    /// <summary>A provider webhook whose secret is not configured: nothing it receives can be trusted.</summary>
    public static ProblemHttpResult WebhookNotConfigured(string provider, string setting) =>
        Create(StatusCodes.Status403Forbidden, "webhook-not-configured", "Webhook not configured",
            $"{provider} requests cannot be verified because {setting} is not configured, so every request is refused.");

    public static ProblemHttpResult StaleWebhook(string header) =>
        Create(StatusCodes.Status403Forbidden, "stale-webhook", "Webhook too old",
            $"The signed {header} is too far from now: a replayed request is refused.");

    public static ProblemHttpResult InvalidWebhookSignature(string header) =>
        Create(StatusCodes.Status403Forbidden, "invalid-webhook-signature", "Invalid webhook signature",
            $"The {header} header is missing or does not match this request.");

    /// <summary>
    /// A versioned document (the knowledge base: <paramref name="noun"/> "knowledge-base"; the customer
    /// texts: "texts") that is not JSON (400 <c>invalid-json</c>) or not an acceptable one (422
    /// <c>invalid-&lt;noun&gt;</c>), with every error found in <c>errors</c> (sentences) and in
    /// <c>fieldErrors</c> (the same errors by the field they are in, as an editor names its inputs, each a <see cref="FieldError"/>).
    /// </summary>
    /// <param name="at">Where the document could not be read (JSON path, line, column), when that is the error.</param>
    public static ProblemHttpResult InvalidDocument(
        string noun, string title, bool malformed, string detail, IReadOnlyList<KnowledgeError> errors, (string Path, int Line, int Column)? at)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["errors"] = errors.Select(e => e.Text).ToList(),
            ["fieldErrors"] = ByField(errors.Select(e => (e.Field, new FieldError(e.Code, e.Text, e.Args)))),
        };
        if (at is { } position)
        {
            extensions["path"] = position.Path;
            extensions["line"] = position.Line;
            extensions["column"] = position.Column;
        }

        return malformed
            ? Create(StatusCodes.Status400BadRequest, "invalid-json", "The body is not valid JSON", detail, extensions)
            : Create(StatusCodes.Status422UnprocessableEntity, $"invalid-{noun}", title, detail, extensions);
    }

    /// <summary><c>fieldErrors</c>: each field (<c>topics[3].answer.it</c>, <c>seasons[0].end</c>) with its errors, in the order found.</summary>
    private static Dictionary<string, List<FieldError>> ByField(IEnumerable<(string Field, FieldError Error)> errors) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Error).ToList(), StringComparer.Ordinal);

    /// <summary>An edit of a versioned document based on a version that is not the current one any more (412 <c>&lt;noun&gt;-changed</c>).</summary>
    public static ProblemHttpResult DocumentChanged(string noun, string what, int edited, int current) =>
        Create(StatusCodes.Status412PreconditionFailed, $"{noun}-changed", $"The {what} changed",
            $"You edited version {edited}, but the current version is {current}: nothing was saved. Load the current version, make your change again and save.",
            new Dictionary<string, object?> { ["currentVersion"] = current });

    /// <summary>Two saves of a versioned document at the same moment: this one lost, and stored nothing (409 <c>&lt;noun&gt;-conflict</c>).</summary>
    public static ProblemHttpResult DocumentConflict(string noun, string what, int current) =>
        Create(StatusCodes.Status409Conflict, $"{noun}-conflict", "Saved by someone else at the same time",
            $"Another save reached the {what} at the same moment (now version {current}): nothing was saved. Load the current version, make your change again and save.",
            new Dictionary<string, object?> { ["currentVersion"] = current });

    /// <summary>
    /// A refusal, from a workflow or the runner, as the one problem it means: 400 invalid input, 409 not possible now, 403
    /// not the caller's to do, 404 no such thing, 429 too many (with Retry-After), 503 busy (with Retry-After).
    /// </summary>
    public static ProblemHttpResult For(Rejection rejection, HttpContext? context = null)
    {
        if (rejection.RetryAfter is { } wait && context is not null)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var (status, title) = rejection.Kind switch
        {
            RejectionKind.Invalid => (StatusCodes.Status400BadRequest, "Invalid request"),
            RejectionKind.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed"),
            RejectionKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            RejectionKind.TooManyRequests => (StatusCodes.Status429TooManyRequests, "Too many requests"),
            RejectionKind.Busy => (StatusCodes.Status503ServiceUnavailable, "Busy"),
            _ => (StatusCodes.Status409Conflict, "Not possible now"),
        };
        return Create(status, rejection.Code, title, rejection.Detail);
    }

    /// <summary>Problems written by the framework (404, 405, 500) get a Lucine type too.</summary>
    public static void GiveStableType(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(TypePrefix, StringComparison.Ordinal) != true)
        {
            problem.Type = TypePrefix + problem.Status switch
            {
                StatusCodes.Status400BadRequest => "bad-request",
                StatusCodes.Status404NotFound => "not-found",
                StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
                StatusCodes.Status500InternalServerError => "internal-error",
                _ => "http-" + problem.Status,
            };
        }
    }

    private static ProblemHttpResult Create(int status, string slug, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypePrefix + slug, extensions: extensions);
}
