using System.Globalization;

namespace Lucine.Domain.Satisfaction;

/// <summary>What was rated: a chat an operator handled, a chat the assistant alone solved, a resolved ticket.</summary>
public enum RatingKind
{
    Operator,
    Assistant,
    Ticket,
}

/// <summary>The customer's answer to "How did we do?": 1–5 stars and, if they wrote one, a comment (personal data).</summary>
public sealed record SatisfactionRating(int Score, string? Comment, DateTimeOffset At, RatingKind Kind);

/// <summary>
/// A conversation or ticket that may be rated, fixed when it ended: who handled it (the operator in
/// charge, the one who resolved the ticket; none for the assistant), its language, and when it ended,
/// which opens the window for rating.
/// </summary>
public sealed record Ratable(RatingKind Kind, string? Operator, Language Language, DateTimeOffset EndedAt);

/// <summary>A rating as the customer sent it, not checked yet.</summary>
public sealed record RatingGiven(int Score, string? Comment);

/// <summary>
/// The rules of a rating, the same for chats and tickets: the range of the stars, the comment's length
/// and characters, the window after the end, and what a change records for the reports.
/// </summary>
public static class SatisfactionRules
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxCommentLength = 500;

    /// <summary>How long after the end a rating may be given or changed.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static readonly Rejection NotRatable = Rejection.Conflict("rating-not-available",
        "Only a conversation that has ended (with an operator, or with the assistant when the visitor ended it) or a resolved ticket can be rated.");

    /// <summary>
    /// Decides a rating of <paramref name="ratable"/>: a refusal; or null with <paramref name="rating"/>
    /// null when it is the rating already given (nothing changes, nothing is recorded); or null with the
    /// new rating and the event the reports count in <paramref name="recorded"/>.
    /// </summary>
    public static Rejection? Rate(
        SatisfactionRating? current, Ratable? ratable, RatingGiven given, DateTimeOffset now,
        out SatisfactionRating? rating, out (string Key, string Value)[] recorded)
    {
        rating = null;
        recorded = [];
        var comment = Comment(given.Comment);
        if (Invalid(given.Score, comment) is { } invalid)
        {
            return invalid;
        }

        if (ratable is null)
        {
            return NotRatable;
        }

        if (now > OpenUntil(ratable))
        {
            return Rejection.Conflict("rating-closed",
                $"A rating can be given or changed for {Window.TotalHours:0} hours after the end; this one ended at {ratable.EndedAt:O}.");
        }

        if (current is not null && current.Score == given.Score && current.Comment == comment)
        {
            return null;
        }

        rating = new SatisfactionRating(given.Score, comment, now, ratable.Kind);
        recorded =
        [
            ("score", Number(given.Score)),
            ("previous_score", current is null ? string.Empty : Number(current.Score)),
            ("kind", WireNames.Of(ratable.Kind)),
            ("operator", ratable.Operator ?? string.Empty),
            ("language", ratable.Language.Code()),
            ("ended_at", ratable.EndedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        ];
        return null;
    }

    /// <summary>The last moment a rating of <paramref name="ratable"/> may be given or changed.</summary>
    public static DateTimeOffset OpenUntil(Ratable ratable) => ratable.EndedAt + Window;

    /// <summary>The comment as kept: trimmed, none when only blanks.</summary>
    public static string? Comment(string? text) => text?.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    private static Rejection? Invalid(int score, string? comment) =>
        score is < MinScore or > MaxScore ? Invalid("invalid-score", $"The score must be a whole number from {MinScore} to {MaxScore}.")
        : comment?.Length > MaxCommentLength ? Invalid("comment-too-long", $"A comment can be at most {MaxCommentLength} characters; this one has {comment.Length}.")
        : comment is not null && !PlainText.IsAcceptable(comment) ? Invalid("invalid-characters", "The comment contains characters that cannot be written (control characters or noncharacters).")
        : null;

    private static Rejection Invalid(string code, string detail) => new(RejectionKind.Invalid, code, detail);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
