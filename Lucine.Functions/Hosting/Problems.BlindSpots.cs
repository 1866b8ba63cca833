using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Hosting;

/// <summary>The problems of the assistant's blind-spots inbox.</summary>
public static partial class Problems
{
    public static ProblemHttpResult InvalidBlindSpotId(int length) =>
        Invalid("invalid-blind-spot-id", "Invalid blind-spot id", $"A blind-spot group's id is the {length} lowercase hexadecimal characters the inbox lists.");

    public static ProblemHttpResult InvalidBlindSpotStatus() =>
        Invalid("invalid-blind-spot-status", "Invalid status", "The status is one of open, answered, dismissed.");

    public static ProblemHttpResult BlindSpotNotFound() =>
        NotFound("blind-spot-not-found", "No such group", "No blind-spot group has this id.");

    public static ProblemHttpResult UnknownTopic() =>
        Invalid("unknown-topic", "Unknown topic",
            "Nothing was changed: 'topic' must be the id of a topic of the current knowledge base; save the topic in the knowledge base first.");
}
