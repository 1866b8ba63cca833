using System.Text.Json;

namespace Lucine.Domain.Tests.Assistant;

/// <summary>
/// The knowledge base and texts Lucine ships, with the 2025/26 season of the reference data. The
/// season is pinned here rather than read from appsettings: the owners change it every edition, and
/// the tests' expected answers must not change with it.
/// The files are Lucine.Functions/Content's, linked into the test output and compiled by the domain;
/// the strict JSON reading (KnowledgeJson, Lucine.Functions) checks them at every integration test's start.
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
        var document = Read<KnowledgeBaseDocument>("knowledge-base.json");
        var templates = new MessageTemplates(Read<Dictionary<string, LocalizedText>>("templates.json"));
        return KnowledgeBase.TryCompile(document, season ?? ReferenceSeason, templates, out var errors)
            ?? throw new InvalidOperationException(
                $"The shipped knowledge base or templates are not valid:{Environment.NewLine}  - " +
                string.Join(Environment.NewLine + "  - ", errors));
    }

    private static T Read<T>(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Content", file);
        return JsonSerializer.Deserialize<T>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{path} is empty.");
    }
}
