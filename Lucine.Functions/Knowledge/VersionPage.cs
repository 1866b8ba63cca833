using System.Globalization;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Knowledge;

/// <summary>A page of a versioned document's history (knowledge base, texts, seasons): the versions older than <see cref="Before"/>, at most <see cref="Limit"/>.</summary>
public sealed record VersionPage(int? Before, int Limit)
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    /// <summary>The page a request's <c>before</c> and <c>limit</c> ask for, or why they cannot be one.</summary>
    public static (VersionPage? Page, ProblemHttpResult? Problem) Read(string? before, string? limit)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return (null, Problems.Invalid("invalid-limit", "Invalid limit", $"'limit' must be between 1 and {MaxLimit}."));
        }

        if (before is null)
        {
            return (new VersionPage(null, size), null);
        }

        return VersionTags.TryVersion(before, out var number)
            ? (new VersionPage(number, size), null)
            : (null, Problems.Invalid("invalid-cursor", "Invalid cursor", "'before' must be a version number: the page lists the versions older than it."));
    }
}
