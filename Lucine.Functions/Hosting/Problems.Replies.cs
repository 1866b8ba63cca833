using Lucine.Domain.Replies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Hosting;

/// <summary>The canned replies' problems. <c>errors</c> maps each field to what is wrong with it (English sentences), <c>fieldErrors</c> the same as <see cref="FieldError"/>s, so the console shows it there in its language.</summary>
public static partial class Problems
{
    public static ProblemHttpResult InvalidReply(IReadOnlyList<ReplyError> errors) =>
        Create(StatusCodes.Status400BadRequest, "invalid-reply", "The reply is not valid",
            errors.Count == 1 ? $"Nothing was saved: {errors[0].Message}" : $"Nothing was saved: the reply has {errors.Count} errors, listed in 'errors'.",
            FieldErrors(errors));

    public static ProblemHttpResult InvalidReplyId() =>
        Create(StatusCodes.Status400BadRequest, "invalid-reply-id", "Invalid reply id",
            $"A reply id is the {CannedReplyRules.IdLength} lowercase hexadecimal characters Lucine gave it when it was created.");

    public static ProblemHttpResult ReplyNotFound(string id) =>
        Create(StatusCodes.Status404NotFound, "reply-not-found", "Reply not found", $"There is no canned reply {id}.");

    public static ProblemHttpResult ShortcutTaken(string shortcut) =>
        Create(StatusCodes.Status409Conflict, "shortcut-taken", "Shortcut taken",
            $"Nothing was saved: another reply has the shortcut /{shortcut}.",
            FieldErrors([new ReplyError("shortcut", $"Another reply has the shortcut /{shortcut}.", "reply-shortcut-taken", ("shortcut", shortcut))]));

    /// <summary>An edit of a reply that someone else changed since it was read.</summary>
    public static ProblemHttpResult ReplyChanged(int? edited, int? current) =>
        Create(StatusCodes.Status412PreconditionFailed, "reply-changed", "The reply has changed",
            (edited is { } from ? $"You edited version {from} of this reply, but it is now at version {current}" : "The reply was changed by someone else at the same moment") +
            ": nothing was saved. Load it again, make your change and save.",
            new Dictionary<string, object?> { ["currentVersion"] = current });

    private static Dictionary<string, object?> FieldErrors(IEnumerable<ReplyError> errors) => new()
    {
        ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        ["fieldErrors"] = ByField(errors.Select(e => (e.Field, new FieldError(e.Code, e.Message, e.Args)))),
    };
}
