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
        new TimeOnly(22, 30),
        "https://lucinedinatale.it/products/biglietto-parco-lucine-di-natale-2025");

    /// <summary>A Saturday in the middle of the season.</summary>
    public static readonly DateOnly SeasonDay = new(2025, 12, 13);

    /// <summary>The shipped knowledge base with the seasons as seen on <paramref name="today"/> (the middle of the reference season by default).</summary>
    public static KnowledgeBase Load(SeasonCalendar? season = null, DateOnly? today = null)
    {
        var document = Read<KnowledgeBaseDocument>("knowledge-base.json");
        var templates = new MessageTemplates(Read<Dictionary<string, LocalizedText>>("templates.json"));
        var seasons = new SeasonSchedule([season ?? ReferenceSeason]).On(today ?? SeasonDay);
        return KnowledgeBase.TryCompile(document, templates, out var errors)?.WithSeason(seasons)
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
