namespace Lucine.Domain.Assistant;

/// <summary>
/// The knowledge base ready to answer: the document's topics with parsed keywords, its facts joined
/// with the seasons as seen today (<see cref="WithSeason"/>), and the fixed texts. Built only from a
/// document that passed validation.
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
        SeasonView season,
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

    /// <summary>The seasons as seen on the day this knowledge base answers for.</summary>
    public SeasonView Season { get; }

    /// <summary>The document this was compiled from, to compile again with other texts.</summary>
    public KnowledgeBaseDocument Document => document;

    public MessageTemplates Templates { get; }

    /// <summary>The same knowledge base answering with the seasons as seen on another day (the topics are shared, not compiled again).</summary>
    public KnowledgeBase WithSeason(SeasonView season) =>
        season == Season ? this : new KnowledgeBase(document, Topics, Handoff, PersonRequest, Frustration, TicketRequest, season, Templates);

    /// <summary>Checks a document with the texts; the result knows no season until <see cref="WithSeason"/>.</summary>
    public static KnowledgeBase? TryCompile(
        KnowledgeBaseDocument document,
        MessageTemplates templates,
        out IReadOnlyList<KnowledgeError> errors)
    {
        var problems = new List<KnowledgeError>();
        foreach (var name in document.Facts.Keys.Where(SeasonFacts.Names.Contains))
        {
            problems.Add(new KnowledgeError($"facts.{name}", $"facts.{name}: this name is reserved for the seasons, which admins set apart", "fact-reserved", ("name", name)));
        }

        // JSON null passes the reader inside lists and maps (only properties are checked), so it is refused here.
        foreach (var (name, _) in document.Facts.Where(f => string.IsNullOrWhiteSpace(f.Value)))
        {
            problems.Add(new KnowledgeError($"facts.{name}", $"facts.{name}: the value is empty", "fact-empty", ("name", name)));
        }

        foreach (var (id, link) in document.Links)
        {
            if (link is null)
            {
                problems.Add(new KnowledgeError($"links.{id}", $"links.{id}: a link needs a url and a label", "link-incomplete", ("link", id)));
                continue;
            }

            if (!IsAllowedLink(link.Url) && !IsFactLink(link.Url, document.Facts))
            {
                problems.Add(new KnowledgeError($"links.{id}.url", $"links.{id}.url: \"{link.Url}\" must be an absolute https, mailto or tel address, or one fact holding one (like {{{SeasonFacts.TicketsUrl}}})", "link-url-not-allowed", ("link", id), ("url", link.Url)));
            }

            foreach (var (language, label) in new[] { ("it", link.Label.It), ("en", link.Label.En) }.Where(l => string.IsNullOrWhiteSpace(l.Item2)))
            {
                problems.Add(new KnowledgeError($"links.{id}.label.{language}", $"links.{id}.label: both \"it\" and \"en\" are required", "link-label-missing", ("link", id), ("language", language)));
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
                problems.Add(new KnowledgeError($"topics[{i}]", $"topics[{i}]: a topic needs an id, keywords and an answer", "topic-incomplete", ("number", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
                continue;
            }

            var field = $"topics[{i}]";
            var path = $"{field} ({definition.Id})";
            if (!ids.Add(definition.Id))
            {
                problems.Add(new KnowledgeError($"{field}.id", $"{path}: the id is used by another topic", "topic-id-taken", ("topic", definition.Id)));
            }

            var subject = ParseKeywords(definition.Keywords, $"{field}.keywords", $"{path}.keywords", problems);
            var related = definition.Related is null ? [] : ParseKeywords(definition.Related, $"{field}.related", $"{path}.related", problems);
            if (subject.Count == 0)
            {
                problems.Add(new KnowledgeError($"{field}.keywords", $"{path}.keywords: a topic needs at least one keyword", "topic-no-keyword"));
            }

            foreach (var (language, text) in new[] { ("it", definition.Answer.It), ("en", definition.Answer.En) })
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    problems.Add(new KnowledgeError($"{field}.answer.{language}", $"{path}.answer.{language}: the answer is empty", "answer-empty", ("language", language)));
                }
                else
                {
                    problems.AddRange(Placeholders.Names(text).Where(n => !IsKnown(n))
                        .Select(n => new KnowledgeError($"{field}.answer.{language}", $"{path}.answer.{language}: unknown placeholder {{{n}}}", "placeholder-unknown", ("placeholder", n))));
                }
            }

            foreach (var link in (definition.Links ?? []).Where(l => l is null || !document.Links.ContainsKey(l)))
            {
                problems.Add(new KnowledgeError($"{field}.links", $"{path}.links: \"{link}\" is not defined under links", "topic-link-unknown", ("link", link ?? "")));
            }

            topics.Add(new Topic(definition.Id, subject, related, definition.Answer, definition.Links ?? []));
        }

        var handoff = ParseKeywords(document.Handoff, "handoff", "handoff", problems);
        var personRequest = ParseKeywords(document.PersonRequest, "personRequest", "personRequest", problems);
        var frustration = ParseKeywords(document.Frustration, "frustration", "frustration", problems);
        var ticketRequest = ParseKeywords(document.TicketRequest, "ticketRequest", "ticketRequest", problems);
        problems.AddRange(templates.Validate(IsKnown).Select(e => e with { Field = $"templates.{e.Field}", Text = $"templates: {e.Text}" }));

        errors = problems;
        return problems.Count == 0 ? new KnowledgeBase(document, topics, handoff, personRequest, frustration, ticketRequest, SeasonView.None, templates) : null;
    }

    /// <summary>The value of a fact in a language: a document fact, or a season fact rendered for it (null when no season says it).</summary>
    public string? Fact(string name, Language language) =>
        document.Facts.TryGetValue(name, out var value) ? value : SeasonFacts.Render(name, Season, language);

    /// <summary>The ids of the links the assistant may offer now (a link to the season's shop waits for a season).</summary>
    public IEnumerable<string> LinkIds => document.Links.Keys.Where(id => Url(document.Links[id]) is not null);

    /// <summary>The button of a link, with its address as of now; null when it has none now (no season set for the shop's link).</summary>
    public SmartAction? Link(string id, Language language)
    {
        var link = document.Links[id];
        return Url(link) is { } url ? new SmartAction(SmartActionKind.Link, id, link.Label.For(language), url) : null;
    }

    private string? Url(LinkDefinition link) =>
        Placeholders.Names(link.Url).FirstOrDefault() is { } fact ? Fact(fact, Domain.Language.Italian) : link.Url;

    private static bool IsAllowedLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "mailto" or "tel";

    /// <summary>A link may be one placeholder: the season's shop, or a document fact holding an allowed address.</summary>
    private static bool IsFactLink(string url, IReadOnlyDictionary<string, string> facts) =>
        Placeholders.Names(url).ToList() is [var name] && url == $"{{{name}}}"
        && (name == SeasonFacts.TicketsUrl || (facts.TryGetValue(name, out var value) && value is not null && IsAllowedLink(value)));

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
                problems.Add(new KnowledgeError(list, $"{path}: a keyword is null", "keyword-null"));
                continue;
            }

            var keyword = Keyword.Parse(source, out var error);
            if (keyword is null)
            {
                problems.Add(new KnowledgeError(list, $"{path}: {error!.Text}", error.Code, ("keyword", source), ("word", error.Word)));
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

/// <summary>The facts that come from the seasons, rendered in the visitor's language.</summary>
public static class SeasonFacts
{
    /// <summary>The shop of the season under way or next (the <c>buy_tickets</c> link's address).</summary>
    public const string TicketsUrl = "season.tickets_url";

    /// <summary>When the last season over ended: what visitors are told until the next one is set.</summary>
    public const string LastEnd = "season.last_end";

    /// <summary>
    /// The facts of the season under way or next. An answer made with any of them is not given while no
    /// season is set: it would tell the dates and hours of an edition that is over.
    /// </summary>
    public static readonly IReadOnlySet<string> Calendar = new HashSet<string>(StringComparer.Ordinal)
    {
        "season.start", "season.end", "season.closed_days", "hours.open", "hours.close", "hours.last_entry", TicketsUrl,
    };

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(Calendar.Append(LastEnd), StringComparer.Ordinal);

    public static string? Render(string name, SeasonView seasons, Language language) => (name, seasons.Current) switch
    {
        (LastEnd, _) => seasons.LastEnded is { } last ? DateText.DayMonthYear(last.End, language) : null,
        (_, null) => null,
        ("season.start", { } season) => DateText.DayMonthYear(season.Start, language),
        ("season.end", { } season) => DateText.DayMonthYear(season.End, language),
        ("season.closed_days", { } season) => DateText.List(season.ClosedDays, language),
        ("hours.open", { } season) => DateText.Clock(season.Opens),
        ("hours.close", { } season) => DateText.Clock(season.Closes),
        ("hours.last_entry", { } season) => DateText.Clock(season.LastEntry),
        (TicketsUrl, { } season) => season.TicketsUrl,
        _ => null,
    };

}
