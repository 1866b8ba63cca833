namespace Lucine.Domain.Assistant;

/// <summary>
/// The knowledge base as the owners write it (a JSON file): language-neutral facts (prices, contacts),
/// links the assistant may offer, topics, each with the words that name it and an answer in Italian
/// and English that cites facts by placeholder (so each fact is written once), the requests the
/// assistant must hand to a person whatever else they mention (refunds, complaints, group bookings),
/// the words of a visitor asking for a person, the words of a visitor who is upset, and the words of a
/// visitor asking to leave a request for the staff (a ticket).
/// </summary>
public sealed record KnowledgeBaseDocument(
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyDictionary<string, LinkDefinition> Links,
    IReadOnlyList<TopicDefinition> Topics,
    KeywordLists Handoff,
    KeywordLists PersonRequest,
    KeywordLists Frustration,
    KeywordLists TicketRequest);

public sealed record LinkDefinition(string Url, LocalizedText Label);

/// <summary>
/// <paramref name="Keywords"/> name the topic (any one of them is enough to pick it);
/// <paramref name="Related"/> words only strengthen it ("costa" makes "parcheggio" about parking costs,
/// not about ticket prices) and never pick it on their own.
/// </summary>
public sealed record TopicDefinition(
    string Id,
    KeywordLists Keywords,
    LocalizedText Answer,
    KeywordLists? Related = null,
    IReadOnlyList<string>? Links = null);

public sealed record KeywordLists(IReadOnlyList<string> It, IReadOnlyList<string> En);
