using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Hosting;

/// <summary>The seasons' problems. <c>errors</c> maps each field (<c>seasons[0].end</c>) to what is wrong with it (English sentences); <c>fieldErrors</c> the same as <see cref="FieldError"/>s, which the console says in its language.</summary>
public static partial class Problems
{
    public static ProblemHttpResult InvalidSeasons(IReadOnlyList<SeasonProblem> errors) =>
        Create(StatusCodes.Status400BadRequest, "invalid-seasons", "The seasons are not valid",
            errors.Count == 1 ? $"Nothing was saved: {errors[0]}" : $"Nothing was saved: the seasons have {errors.Count} errors, listed in 'errors'.",
            new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                ["fieldErrors"] = ByField(errors.Select(e => (e.Field, new FieldError(e.Code, e.Message, e.Args)))),
            });

    /// <summary>A save based on a version that is not the current one any more, or that lost a race with another save.</summary>
    public static ProblemHttpResult SeasonsChanged(int? edited, int current) =>
        Create(StatusCodes.Status412PreconditionFailed, "seasons-changed", "The seasons have changed",
            (edited is { } from ? $"You edited version {from}, but the current version is {current}" : $"Another save reached the seasons at the same moment (they are now version {current})") +
            ": nothing was saved. Load the current version, make your change again and save.",
            new Dictionary<string, object?> { ["currentVersion"] = current });
}
