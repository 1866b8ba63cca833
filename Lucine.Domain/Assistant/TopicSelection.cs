namespace Lucine.Domain.Assistant;

/// <summary>
/// Picks what a message is about. Each token the visitor wrote can name one topic only: the
/// strongest topic takes its words first ("quanto costa il parcheggio" is about parking, with "costa"
/// as its aspect), and a further topic is added only for words still unexplained ("orari e prezzi"
/// is about hours and prices). At most three topics, so that an answer stays readable.
/// </summary>
public static class TopicSelection
{
    private const int MaxTopics = 3;
    private const double SubjectWeight = 3;
    private const double TypoSubjectWeight = 2;
    private const double RelatedWeight = 1;

    public static IReadOnlyList<TopicMatch> Select(IReadOnlyList<Topic> topics, MessageAnalysis message)
    {
        var candidates = new List<TopicMatch>();
        for (var order = 0; order < topics.Count; order++)
        {
            if (Score(topics[order], message, order) is { } match)
            {
                candidates.Add(match);
            }
        }

        var selected = new List<TopicMatch>();
        var explained = new HashSet<int>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Order))
        {
            if (selected.Count == MaxTopics)
            {
                break;
            }

            if (candidate.SubjectTokens.Any(t => !explained.Contains(t)))
            {
                selected.Add(candidate);
                explained.UnionWith(candidate.SubjectTokens);
                explained.UnionWith(candidate.RelatedTokens);
            }
        }

        return selected;
    }

    private static TopicMatch? Score(Topic topic, MessageAnalysis message, int order)
    {
        // Most topics match nothing in a message: nothing is allocated for them.
        Dictionary<int, bool>? subjectTokens = null;
        LanguageVotes? votes = null;
        foreach (var keyword in topic.Keywords)
        {
            if (keyword.Keyword.Match(message) is not { } match)
            {
                continue;
            }

            subjectTokens ??= [];
            votes ??= new LanguageVotes();
            foreach (var token in match.TokenIndexes)
            {
                // A token matched exactly by one keyword and with a typo by another counts as exact.
                subjectTokens[token] = subjectTokens.TryGetValue(token, out var exact) ? exact || !match.Fuzzy : !match.Fuzzy;
            }

            votes.Add(keyword.Language);
        }

        if (subjectTokens is null || votes is null)
        {
            return null;
        }

        var relatedTokens = new HashSet<int>();
        foreach (var keyword in topic.Related)
        {
            if (keyword.Keyword.Match(message) is { } match)
            {
                relatedTokens.UnionWith(match.TokenIndexes.Where(t => !subjectTokens.ContainsKey(t)));
                votes.Add(keyword.Language);
            }
        }

        var score = subjectTokens.Values.Sum(exact => exact ? SubjectWeight : TypoSubjectWeight) + relatedTokens.Count * RelatedWeight;
        return new TopicMatch(topic, score, order, subjectTokens.Keys.ToHashSet(), relatedTokens, votes);
    }
}

public sealed record TopicMatch(
    Topic Topic,
    double Score,
    int Order,
    IReadOnlySet<int> SubjectTokens,
    IReadOnlySet<int> RelatedTokens,
    LanguageVotes Votes);
