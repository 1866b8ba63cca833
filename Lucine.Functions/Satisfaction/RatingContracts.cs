namespace Lucine.Functions.Satisfaction;

/// <summary><c>POST …/rating</c>: 1–5 stars and an optional comment (at most 500 characters).</summary>
public sealed record RatingRequest(int? Score, string? Comment);

/// <summary>A rating as the API shows it.</summary>
public sealed record RatingDto(int Score, string? Comment, DateTimeOffset At, RatingKind Kind)
{
    public static RatingDto? From(SatisfactionRating? rating) =>
        rating is null ? null : new(rating.Score, rating.Comment, rating.At, rating.Kind);
}

/// <summary>
/// Whether a rating may be given now (<paramref name="CanRate"/>: the conversation or ticket ended in a way
/// that is rated, less than 24 hours ago), until when, and the rating given so far.
/// </summary>
public sealed record RatingStatusDto(bool CanRate, RatingKind? Kind, DateTimeOffset? OpenUntil, RatingDto? Rating)
{
    public static RatingStatusDto Of(Ratable? ratable, SatisfactionRating? rating, DateTimeOffset now)
    {
        var until = ratable is null ? (DateTimeOffset?)null : SatisfactionRules.OpenUntil(ratable);
        return new(until >= now, ratable?.Kind ?? rating?.Kind, until, RatingDto.From(rating));
    }
}
