namespace Lucine.Domain.Assistant;

/// <summary>
/// What the knowledge base holds for one visitor message: the language to answer in, whether the
/// message is a request only the staff can handle, and the topics it is about, each written out in
/// that language with its facts filled in. The local answerer answers from it; the language model's
/// prompt is built from it, so both see the same facts.
/// </summary>
public sealed record Grounding(
    MessageAnalysis Message,
    Language Language,
    bool NeedsHuman,
    IReadOnlyList<GroundedTopic> Topics);

/// <param name="Text">The topic's answer in the visitor's language, facts and the day's opening status filled in.</param>
/// <param name="Facts">The knowledge-base facts the answer cites, by name.</param>
public sealed record GroundedTopic(Topic Topic, string Text, IReadOnlyList<string> Facts);
