using System.Security.Claims;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.History;

/// <summary>
/// The history of ended conversations: a plain operator's own (the ones they were in charge of when
/// they ended), everyone's for supervisors. A transcript is read with <c>GET /api/operator/chats/{sessionId}</c>,
/// which answers for ended chats too, by the same rule.
/// </summary>
public static class HistoryEndpoints
{
    public const int MaxRangeDays = 92;
    public const int DefaultRangeDays = 30;
    private const int MaxQueryLength = 100;

    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operator/conversations").WithTags("Conversation history").RequireAuthorization(LucineIdentity.OperatorPolicy);
        group.MapGet("", ListAsync).WithName("OperatorConversations");
        return app;
    }

    private static async Task<Results<Ok<ConversationListResponse>, ProblemHttpResult>> ListAsync(
        string? from, string? to, string? outcome, string? @operator, string? language, string? q, string? cursor,
        ClaimsPrincipal user, ConversationIndex index, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!QueryDays.TryParse(to, out var lastDay) || !QueryDays.TryParse(from, out var firstDay))
        {
            return Problems.Invalid("invalid-date", "Invalid date", "'from' and 'to' are days as yyyy-MM-dd (UTC).");
        }

        var last = lastDay ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = firstDay ?? last.AddDays(1 - DefaultRangeDays);
        if (first > last || last.DayNumber - first.DayNumber + 1 > MaxRangeDays)
        {
            return Problems.Invalid("invalid-range", "Invalid date range", $"'from' must not be after 'to', and the range is at most {MaxRangeDays} days.");
        }

        SessionOutcome? byOutcome = null;
        if (outcome is not null)
        {
            if (!Wire.TryParse<SessionOutcome>(outcome, out var parsed))
            {
                return Problems.Invalid("invalid-filter", "Invalid filter", $"'outcome' must be one of: {string.Join(", ", Enum.GetValues<SessionOutcome>().Select(Wire.Name))}.");
            }

            byOutcome = parsed;
        }

        var username = @operator is null ? null : OperatorAccount.Normalize(@operator);
        if (username is not null && !OperatorAccount.IsValidUsername(username))
        {
            return Problems.Invalid("invalid-filter", "Invalid filter", "'operator' must be an operator's username.");
        }

        if (!user.MaySupervise())
        {
            if (username is not null && username != user.Username())
            {
                return Problems.For(ChatAccess.NotYours);
            }

            username = user.Username();
        }

        Language? byLanguage = null;
        if (language is not null)
        {
            if (!LanguageCodes.TryParse(language, out var parsed))
            {
                return Problems.Invalid("invalid-filter", "Invalid filter", "'language' must be it or en.");
            }

            byLanguage = parsed;
        }

        if (q is { Length: > MaxQueryLength })
        {
            return Problems.Invalid("invalid-query", "Search too long", $"'q' is at most {MaxQueryLength} characters.");
        }

        var after = cursor is null ? null : ConversationIndex.ParseCursor(cursor);
        if (cursor is not null && (after is null || after.Day < first || after.Day > last))
        {
            return Problems.Invalid("invalid-cursor", "Invalid cursor", "'cursor' must be the 'next' value of a previous page with the same dates.");
        }

        var query = new ConversationQuery(first, last, byOutcome, username, byLanguage, q is null ? [] : TextNormalizer.Tokens(q).Distinct().ToList());
        return TypedResults.Ok(await index.SearchAsync(query, after, cancellationToken));
    }
}
