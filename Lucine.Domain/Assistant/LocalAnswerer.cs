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

    public AssistantAnswer Answer(AssistantQuestion question) => Answer(Ground(question));

    /// <summary>The answer from what <see cref="Ground"/> found (a language model's prompt was built from the same).</summary>
    public AssistantAnswer Answer(Grounding grounding)
    {
        var language = grounding.Language;
        if (grounding.NeedsHuman)
        {
            return new AssistantAnswer(Render(TemplateKeys.Handoff, language), language, AnswerOutcome.NeedsHuman, [], [], AnswerSource.Local);
        }

        if (grounding.Topics.Count > 0)
        {
            var text = string.Join("\n\n", grounding.Topics.Select(t => t.Text).Distinct());
            var actions = grounding.Topics.SelectMany(t => t.Topic.Links).Distinct()
                .Select(id => knowledge.Link(id, language)).OfType<SmartAction>().Take(MaxActions).ToList();
            return new AssistantAnswer(text, language, AnswerOutcome.Answered, grounding.Topics.Select(t => t.Topic.Id).ToList(), actions, AnswerSource.Local);
        }

        var tokens = grounding.Message.Tokens;
        var contentWords = tokens.Count(Lexicon.IsContent);
        if (contentWords <= 1 && tokens.Any(t => Lexicon.IsThanks(t) || Lexicon.IsGreeting(t)))
        {
            var key = tokens.Any(Lexicon.IsThanks) && !tokens.Any(Lexicon.IsGreeting) ? TemplateKeys.Thanks : TemplateKeys.Greeting;
            return new AssistantAnswer(Render(key, language), language, AnswerOutcome.SmallTalk, [], [], AnswerSource.Local);
        }

        return new AssistantAnswer(Render(TemplateKeys.NotKnown, language), language, AnswerOutcome.NotKnown, [], [], AnswerSource.Local);
    }

    /// <summary>
    /// What the knowledge base says about a message: a request for the staff (no topics then: it is
    /// not the assistant's to answer), or the topics it is about, rendered in the visitor's language
    /// (or in <paramref name="language"/>, to show an admin the answer in each).
    /// </summary>
    public Grounding Ground(AssistantQuestion question, Language? language = null)
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
        var replyLanguage = language ?? votes.Decide(question.ConversationLanguage);

        var day = message.Day ?? new DayReference(question.Today, DayReferenceKind.Today, []);
        var grounded = topics.Select(t =>
        {
            var template = t.Topic.Answer.For(replyLanguage);

            // Until a season is set, an answer made of the season's dates or hours would tell an edition that is over.
            var text = knowledge.Season.Current is null && Placeholders.Names(template).Any(SeasonFacts.Calendar.Contains)
                ? Render(TemplateKeys.SeasonNotAnnounced, replyLanguage)
                : Placeholders.Render(template, name => name == KnowledgeBase.DayStatusPlaceholder ? DayStatus(day, replyLanguage) : knowledge.Fact(name, replyLanguage));
            return new GroundedTopic(t.Topic, text, Placeholders.Names(template).Distinct().ToList());
        }).ToList();
        return new Grounding(message, replyLanguage, handoff.Count > 0, grounded);
    }

    private string Render(string key, Language language, string? day = null) =>
        knowledge.Templates.Render(key, language, name => name == "day" ? day : knowledge.Fact(name, language));

    /// <summary>"Oggi (sabato 13 dicembre) siamo aperti dalle 17:30 alle 23:00…", from the calendar.</summary>
    private string DayStatus(DayReference day, Language language)
    {
        var dayKey = day.Kind switch
        {
            DayReferenceKind.Today => TemplateKeys.Today,
            DayReferenceKind.Tomorrow => TemplateKeys.Tomorrow,
            _ => TemplateKeys.OnDate,
        };
        var dayText = knowledge.Templates.Render(dayKey, language, name => name == "date" ? DateText.WeekdayDayMonth(day.Date, language) : null);
        var statusKey = knowledge.Season.StatusOn(day.Date) switch
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
