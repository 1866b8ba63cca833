using Lucine.Domain.Assistant;
using Lucine.Functions.Assistant;

namespace Lucine.Domain.Tests.Assistant;

/// <summary>
/// The knowledge base and texts Lucine ships, with the 2025/26 season of the reference data. The
/// season is pinned here rather than read from appsettings: the owners change it every edition, and
/// the tests' expected answers must not change with it.
/// </summary>
public static class ShippedKnowledge
{
    public static readonly SeasonCalendar ReferenceSeason = new(
        new DateOnly(2025, 12, 6),
        new DateOnly(2026, 1, 6),
        [new DateOnly(2025, 12, 24), new DateOnly(2025, 12, 31)],
        new TimeOnly(17, 30),
        new TimeOnly(23, 0),
        new TimeOnly(22, 30));

    /// <summary>A Saturday in the middle of the season.</summary>
    public static readonly DateOnly SeasonDay = new(2025, 12, 13);

    public static KnowledgeBase Load(SeasonCalendar? season = null)
    {
        var calendar = season ?? ReferenceSeason;
        var seasonOptions = new SeasonOptions
        {
            Start = calendar.Start,
            End = calendar.End,
            ClosedDays = [.. calendar.ClosedDays],
            Opens = calendar.Opens,
            Closes = calendar.Closes,
            LastEntry = calendar.LastEntry,
        };
        var content = new ContentOptions();
        return KnowledgeBaseLoader.Shipped(content, KnowledgeBaseLoader.Compiler(content, seasonOptions)).Knowledge;
    }
}
