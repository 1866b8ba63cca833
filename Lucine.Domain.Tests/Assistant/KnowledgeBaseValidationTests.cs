namespace Lucine.Domain.Tests.Assistant;

/// <summary>A knowledge base with a mistake never reaches a visitor: compiling it names each mistake.</summary>
[Trait("Category", Layer.Unit)]
public sealed class KnowledgeBaseValidationTests
{
    private static readonly LocalizedText Text = new("testo", "text");

    private static MessageTemplates CompleteTemplates() =>
        new(TemplateKeys.All.ToDictionary(k => k, _ => Text));

    private static KnowledgeBaseDocument Document(
        IReadOnlyList<TopicDefinition>? topics = null,
        IReadOnlyDictionary<string, string>? facts = null,
        IReadOnlyDictionary<string, LinkDefinition>? links = null) => new(
        facts ?? new Dictionary<string, string> { ["price.intero"] = "€9" },
        links ?? new Dictionary<string, LinkDefinition>
        {
            ["whatsapp"] = new("https://wa.me/393123456789", Text),
            ["email"] = new("mailto:info@example.org", Text),
        },
        topics ?? [new TopicDefinition("prices", new KeywordLists(["prezz*"], ["price*"]), new LocalizedText("Intero {price.intero}", "Standard {price.intero}"))],
        new KeywordLists(["rimbors*"], ["refund*"]),
        new KeywordLists(["operatore"], ["human"]),
        new KeywordLists(["vergogna"], ["unacceptable"]),
        new KeywordLists(["apri un ticket"], ["open a ticket"]));

    private static IReadOnlyList<string> Errors(KnowledgeBaseDocument document, MessageTemplates? templates = null)
    {
        var compiled = KnowledgeBase.TryCompile(document, templates ?? CompleteTemplates(), out var errors);
        Assert.Equal(errors.Count == 0, compiled is not null);
        return errors.Select(e => e.Text).ToList();
    }

    [Fact]
    public void The_shipped_knowledge_base_and_templates_are_valid() =>
        Assert.NotNull(ShippedKnowledge.Load());

    [Fact]
    public void A_valid_document_compiles() => Assert.Empty(Errors(Document()));

    [Fact]
    public void An_unknown_placeholder_is_reported_with_its_place()
    {
        var topic = new TopicDefinition("kids", new KeywordLists(["bambin*"], []), new LocalizedText("Bambini {price.bambini}", "Kids"));

        var error = Assert.Single(Errors(Document([topic])));

        Assert.Equal("topics[0] (kids).answer.it: unknown placeholder {price.bambini}", error);
    }

    [Fact]
    public void Each_error_names_the_field_an_editor_shows_it_on()
    {
        var topic = new TopicDefinition("kids", new KeywordLists(["bambin*"], ["k*"]), new LocalizedText("Bambini", "Kids {price.kids}"));
        var links = new Dictionary<string, LinkDefinition> { ["site"] = new("http://example.org", new LocalizedText("Sito", "")) };

        KnowledgeBase.TryCompile(Document([topic], links: links), CompleteTemplates(), out var errors);

        Assert.Equal(
            ["links.site.url", "links.site.label.en", "topics[0].keywords.en", "topics[0].answer.en"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void A_missing_template_and_an_unused_one_are_reported()
    {
        var texts = TemplateKeys.All.Where(k => k != TemplateKeys.Greeting).ToDictionary(k => k, _ => Text);
        texts["assistant.greting"] = Text;

        var errors = Errors(Document(), new MessageTemplates(texts));

        Assert.Contains("templates: template \"assistant.greeting\" is missing", errors);
        Assert.Contains("templates: template \"assistant.greting\" is not used by Lucine (misspelt?)", errors);
    }

    [Fact]
    public void Links_must_be_ours_to_offer()
    {
        var links = new Dictionary<string, LinkDefinition>
        {
            ["whatsapp"] = new("javascript:alert(1)", Text),
            ["shop"] = new("{season.tickets_url}", Text),
            ["fact"] = new("{price.intero}", Text),
        };
        var topic = new TopicDefinition("prices", new KeywordLists(["prezz*"], []), Text, Links: ["buy"]);

        var errors = Errors(Document([topic], links: links));

        Assert.Contains("links.whatsapp.url: \"javascript:alert(1)\" must be an absolute https, mailto or tel address, or one fact holding one (like {season.tickets_url})", errors);
        Assert.Contains("links.fact.url: \"{price.intero}\" must be an absolute https, mailto or tel address, or one fact holding one (like {season.tickets_url})", errors);
        Assert.DoesNotContain(errors, e => e.StartsWith("links.shop", StringComparison.Ordinal));
        Assert.Contains("topics[0] (prices).links: \"buy\" is not defined under links", errors);
    }

    [Fact]
    public void Keywords_that_cannot_match_are_reported()
    {
        var topic = new TopicDefinition("x", new KeywordLists(["pr*", "l'orario"], []), Text);

        var errors = Errors(Document([topic]));

        Assert.Contains(errors, e => e.Contains("the stem \"pr*\" is too short", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("\"l'orario\" is not a single word", StringComparison.Ordinal));
    }

    [Fact]
    public void Nulls_inside_lists_and_maps_are_reported_not_thrown()
    {
        // JSON null reaches list items and map values (the reader checks only properties).
        var topic = new TopicDefinition("prices", new KeywordLists(["prezz*", null!], []), new LocalizedText("Intero {price.intero}", "Standard"), Links: [null!]);
        var document = Document(
            [topic, null!],
            facts: new Dictionary<string, string> { ["price.intero"] = null! },
            links: new Dictionary<string, LinkDefinition> { ["whatsapp"] = null! });

        Assert.Equal(
            [
                "facts.price.intero: the value is empty",
                "links.whatsapp: a link needs a url and a label",
                "topics[0] (prices).keywords: a keyword is null",
                "topics[0] (prices).links: \"\" is not defined under links",
                "topics[1]: a topic needs an id, keywords and an answer",
            ],
            Errors(document));
    }

    [Fact]
    public void Season_facts_cannot_be_overridden_by_the_document() =>
        Assert.Contains(
            "facts.season.start: this name is reserved for the seasons, which admins set apart",
            Errors(Document(facts: new Dictionary<string, string> { ["season.start"] = "domani" })));

}
