namespace Lucine.Functions.BlindSpots;

/// <summary>One group as the inbox lists it (contract: <c>docs</c> reports section 5).</summary>
public sealed record BlindSpotItem(
    string Id, IReadOnlyList<string> Keywords, int Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyList<string> Examples, BlindSpotStatus Status, string? Topic)
{
    public static BlindSpotItem From(BlindSpotGroup group) => new(
        group.Id, group.Keywords, group.Count, group.FirstSeen, group.LastSeen, [.. group.Examples.Select(e => e.Text)], group.Status, group.Topic);
}

public sealed record BlindSpotsResponse(IReadOnlyList<BlindSpotItem> Groups);

/// <summary>The body of <c>POST …/answered</c>: the knowledge base's topic that now answers the group.</summary>
public sealed record AnsweredRequest(string? Topic);
