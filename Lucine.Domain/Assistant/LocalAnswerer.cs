using Lucine.Domain.Notifications;
using Lucine.Domain.Sessions;

namespace Lucine.Domain.Assistant;

/// <summary>
/// The assistant that needs no AI service: it finds the topics a question is about in the knowledge
/// base and answers with their texts, in the visitor's language, with the facts filled in. It never
/// guesses: a question it cannot place gets an honest "I don't know".
/// </summary>
public sealed class LocalAnswerer(KnowledgeBase knowledge)
{
    public const string Name = "local";
    private const int MaxActions = 3;

    public AssistantAnswer Answer(AssistantQuestion question)
    {
        var message = MessageAnalysis.Of(question.Text, question.Today);
        var handoff = knowledge.Handoff.Where(k => k.Keyword.Match(message, forgiveTypos: false) is not null).ToList();
        var topics = handoff.Count > 0 ? [] : TopicSelection.Select(knowledge.Topics, message);

        var votes = LanguageVotes.FromFunctionWords(message.Tokens);
        foreach (var topic in topics)
        {
            votes.AddAll(topic.Votes);
        }

        handoff.ForEach(k => votes.Add(k.Language));
        var language = votes.Decide(question.ConversationLanguage);

        if (handoff.Count > 0)
        {
            return new AssistantAnswer(Render(TemplateKeys.Handoff, language), language, AnswerOutcome.NeedsHuman, [], [], Name);
        }

        if (topics.Count > 0)
        {
            var day = message.Day ?? new DayReference(question.Today, DayReferenceKind.Today, []);
            var text = string.Join("\n\n", topics.Select(t => Placeholders.Render(
                t.Topic.Answer.For(language),
                name => name == KnowledgeBase.DayStatusPlaceholder ? DayStatus(day, question.Today, language) : knowledge.Fact(name, language))));
            var actions = topics.SelectMany(t => t.Topic.Links).Distinct().Take(MaxActions)
                .Select(id => knowledge.Link(id, language)).ToList();
            return new AssistantAnswer(text, language, AnswerOutcome.Answered, topics.Select(t => t.Topic.Id).ToList(), actions, Name);
        }

        var contentWords = message.Tokens.Count(Lexicon.IsContent);
        if (contentWords <= 1 && message.Tokens.Any(t => Lexicon.IsThanks(t) || Lexicon.IsGreeting(t)))
        {
            var key = message.Tokens.Any(Lexicon.IsThanks) && !message.Tokens.Any(Lexicon.IsGreeting) ? TemplateKeys.Thanks : TemplateKeys.Greeting;
            return new AssistantAnswer(Render(key, language), language, AnswerOutcome.SmallTalk, [], [], Name);
        }

        return new AssistantAnswer(Render(TemplateKeys.NotKnown, language), language, AnswerOutcome.NotKnown, [], [], Name);
    }

    private string Render(string key, Language language, string? day = null) =>
        knowledge.Templates.Render(key, language, name => name == "day" ? day : knowledge.Fact(name, language));

    /// <summary>"Oggi (sabato 13 dicembre) siamo aperti dalle 17:30 alle 23:00…", from the calendar.</summary>
    private string DayStatus(DayReference day, DateOnly today, Language language)
    {
        var dayKey = day.Kind switch
        {
            DayReferenceKind.Today => TemplateKeys.Today,
            DayReferenceKind.Tomorrow => TemplateKeys.Tomorrow,
            _ => TemplateKeys.OnDate,
        };
        var dayText = knowledge.Templates.Render(dayKey, language, name => name == "date" ? DateText.WeekdayDayMonth(day.Date, language) : null);
        var statusKey = knowledge.Season.StatusOn(day.Date, today) switch
        {
            Assistant.DayStatus.Open => TemplateKeys.DayOpen,
            Assistant.DayStatus.Closed => TemplateKeys.DayClosed,
            Assistant.DayStatus.BeforeSeason => TemplateKeys.DayBeforeSeason,
            Assistant.DayStatus.AfterSeasonEnd => TemplateKeys.DayAfterSeasonEnd,
            _ => TemplateKeys.DaySeasonOver,
        };
        var sentence = Render(statusKey, language, dayText);
        return sentence.Length == 0 ? sentence : char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }
}
