namespace Lucine.Domain.Assistant;

/// <summary>
/// The knowledge base ready to answer: the document's topics with parsed keywords, its facts joined
/// with the season calendar, and the fixed texts. Built only from a document that passed validation.
/// </summary>
public sealed class KnowledgeBase
{
    /// <summary>A placeholder for the opening status of the day the visitor asks about (today if none).</summary>
    public const string DayStatusPlaceholder = "day.status";

    private readonly KnowledgeBaseDocument document;

    private KnowledgeBase(
        KnowledgeBaseDocument document,
        IReadOnlyList<Topic> topics,
        IReadOnlyList<TopicKeyword> handoff,
        IReadOnlyList<TopicKeyword> personRequest,
        IReadOnlyList<TopicKeyword> frustration,
        IReadOnlyList<TopicKeyword> ticketRequest,
        SeasonCalendar season,
        MessageTemplates templates)
    {
        this.document = document;
        Topics = topics;
        Handoff = handoff;
        PersonRequest = personRequest;
        Frustration = frustration;
        TicketRequest = ticketRequest;
        Season = season;
        Templates = templates;
    }

    public IReadOnlyList<Topic> Topics { get; }

    /// <summary>Words that mean the visitor needs a person (a refund, a complaint), not an answer.</summary>
    public IReadOnlyList<TopicKeyword> Handoff { get; }

    /// <summary>Words of a visitor asking for a person ("operatore", "talk to a human").</summary>
    public IReadOnlyList<TopicKeyword> PersonRequest { get; }

    /// <summary>Words of a visitor who is upset ("vergogna", "unacceptable").</summary>
    public IReadOnlyList<TopicKeyword> Frustration { get; }

    /// <summary>Words of a visitor asking to leave a request for the staff ("apri un ticket", "open a ticket").</summary>
    public IReadOnlyList<TopicKeyword> TicketRequest { get; }

    public SeasonCalendar Season { get; }

    /// <summary>The document this was compiled from, to compile again with other texts.</summary>
    public KnowledgeBaseDocument Document => document;

    public MessageTemplates Templates { get; }

    public static KnowledgeBase? TryCompile(
        KnowledgeBaseDocument document,
        SeasonCalendar season,
        MessageTemplates templates,
        out IReadOnlyList<KnowledgeError> errors)
    {
        var problems = new List<KnowledgeError>();
        problems.AddRange(season.Validate().Select(e => new KnowledgeError("season", $"season: {e}")));

        foreach (var name in document.Facts.Keys.Where(SeasonFacts.Names.Contains))
        {
            problems.Add(new KnowledgeError($"facts.{name}", $"facts.{name}: this name is reserved for the season calendar, which comes from configuration"));
        }

        // JSON null passes the reader inside lists and maps (only properties are checked), so it is refused here.
        foreach (var (name, _) in document.Facts.Where(f => string.IsNullOrWhiteSpace(f.Value)))
        {
            problems.Add(new KnowledgeError($"facts.{name}", $"facts.{name}: the value is empty"));
        }

        foreach (var (id, link) in document.Links)
        {
            if (link is null)
            {
                problems.Add(new KnowledgeError($"links.{id}", $"links.{id}: a link needs a url and a label"));
                continue;
            }

            if (!IsAllowedLink(link.Url))
            {
                problems.Add(new KnowledgeError($"links.{id}.url", $"links.{id}.url: \"{link.Url}\" must be an absolute https, mailto or tel address"));
            }

            foreach (var (language, label) in new[] { ("it", link.Label.It), ("en", link.Label.En) }.Where(l => string.IsNullOrWhiteSpace(l.Item2)))
            {
                problems.Add(new KnowledgeError($"links.{id}.label.{language}", $"links.{id}.label: both \"it\" and \"en\" are required"));
            }
        }

        bool IsKnown(string name) =>
            document.Facts.ContainsKey(name) || SeasonFacts.Names.Contains(name) || name == DayStatusPlaceholder;

        var topics = new List<Topic>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Topics.Count; i++)
        {
            var definition = document.Topics[i];
            if (definition is null)
            {
                problems.Add(new KnowledgeError($"topics[{i}]", $"topics[{i}]: a topic needs an id, keywords and an answer"));
                continue;
            }

            var field = $"topics[{i}]";
            var path = $"{field} ({definition.Id})";
            if (!ids.Add(definition.Id))
            {
                problems.Add(new KnowledgeError($"{field}.id", $"{path}: the id is used by another topic"));
            }

            var subject = ParseKeywords(definition.Keywords, $"{field}.keywords", $"{path}.keywords", problems);
            var related = definition.Related is null ? [] : ParseKeywords(definition.Related, $"{field}.related", $"{path}.related", problems);
            if (subject.Count == 0)
            {
                problems.Add(new KnowledgeError($"{field}.keywords", $"{path}.keywords: a topic needs at least one keyword"));
            }

            foreach (var (language, text) in new[] { ("it", definition.Answer.It), ("en", definition.Answer.En) })
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    problems.Add(new KnowledgeError($"{field}.answer.{language}", $"{path}.answer.{language}: the answer is empty"));
                }
                else
                {
                    problems.AddRange(Placeholders.Names(text).Where(n => !IsKnown(n))
                        .Select(n => new KnowledgeError($"{field}.answer.{language}", $"{path}.answer.{language}: unknown placeholder {{{n}}}")));
                }
            }

            foreach (var link in (definition.Links ?? []).Where(l => l is null || !document.Links.ContainsKey(l)))
            {
                problems.Add(new KnowledgeError($"{field}.links", $"{path}.links: \"{link}\" is not defined under links"));
            }

            topics.Add(new Topic(definition.Id, subject, related, definition.Answer, definition.Links ?? []));
        }

        var handoff = ParseKeywords(document.Handoff, "handoff", "handoff", problems);
        var personRequest = ParseKeywords(document.PersonRequest, "personRequest", "personRequest", problems);
        var frustration = ParseKeywords(document.Frustration, "frustration", "frustration", problems);
        var ticketRequest = ParseKeywords(document.TicketRequest, "ticketRequest", "ticketRequest", problems);
        problems.AddRange(templates.Validate(IsKnown).Select(e => new KnowledgeError($"templates.{e.Field}", $"templates: {e.Text}")));

        errors = problems;
        return problems.Count == 0 ? new KnowledgeBase(document, topics, handoff, personRequest, frustration, ticketRequest, season, templates) : null;
    }

    /// <summary>The value of a fact in a language: a document fact, or a season fact rendered for it.</summary>
    public string? Fact(string name, Language language) =>
        document.Facts.TryGetValue(name, out var value) ? value : SeasonFacts.Render(name, Season, language);

    /// <summary>The ids of the links the assistant may offer.</summary>
    public IEnumerable<string> LinkIds => document.Links.Keys;

    public SmartAction Link(string id, Language language)
    {
        var link = document.Links[id];
        return new SmartAction(SmartActionKind.Link, id, link.Label.For(language), link.Url);
    }

    private static bool IsAllowedLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "mailto" or "tel";

    /// <param name="field">The lists' field; an error is in its <c>.it</c> or <c>.en</c> list.</param>
    private static List<TopicKeyword> ParseKeywords(KeywordLists lists, string field, string path, List<KnowledgeError> problems)
    {
        var italian = lists.It ?? [];
        var english = lists.En ?? [];
        var result = new List<TopicKeyword>();
        foreach (var source in italian.Concat(english).Distinct(StringComparer.Ordinal))
        {
            var inItalian = italian.Contains(source);
            var list = $"{field}.{(inItalian ? "it" : "en")}";
            if (source is null)
            {
                problems.Add(new KnowledgeError(list, $"{path}: a keyword is null"));
                continue;
            }

            var keyword = Keyword.Parse(source, out var error);
            if (keyword is null)
            {
                problems.Add(new KnowledgeError(list, $"{path}: {error}"));
                continue;
            }

            var inEnglish = english.Contains(source);
            result.Add(new TopicKeyword(keyword, inItalian && inEnglish ? null : inEnglish ? Language.English : Language.Italian));
        }

        return result;
    }
}

/// <summary>A keyword and the language it belongs to (null: both), which also votes for the reply's language.</summary>
public sealed record TopicKeyword(Keyword Keyword, Language? Language);

public sealed record Topic(
    string Id,
    IReadOnlyList<TopicKeyword> Keywords,
    IReadOnlyList<TopicKeyword> Related,
    LocalizedText Answer,
    IReadOnlyList<string> Links);

/// <summary>The facts that come from the season calendar, rendered in the visitor's language.</summary>
public static class SeasonFacts
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "season.start", "season.end", "season.closed_days", "hours.open", "hours.close", "hours.last_entry",
    };

    public static string? Render(string name, SeasonCalendar season, Language language) => name switch
    {
        "season.start" => DateText.DayMonthYear(season.Start, language),
        "season.end" => DateText.DayMonthYear(season.End, language),
        "season.closed_days" => DateText.List(season.ClosedDays, language),
        "hours.open" => season.Opens.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        "hours.close" => season.Closes.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        "hours.last_entry" => season.LastEntry.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
