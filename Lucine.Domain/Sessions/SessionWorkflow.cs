using Lucine.Domain.Assistant;
using Lucine.Domain.Notifications;

namespace Lucine.Domain.Sessions;

/// <summary>
/// The per-session orchestration: given the state and what happened, what the session becomes, what
/// is said, and what must happen afterwards. Pure and deterministic: the same input twice decides the
/// same, so retries and replays are harmless.
/// </summary>
public sealed class SessionWorkflow(KnowledgeBase knowledge, MessageRatePolicy rate)
{
    /// <summary>Whether a visitor input is allowed now; checked before anything is asked of the assistant.</summary>
    public TimeSpan? VisitorMustWait(SessionState state, DateTimeOffset now) => rate.RetryAfter(state, now);

    public SessionDecision Decide(SessionState state, SessionInput input, DateTimeOffset now) => input switch
    {
        VisitorWrote wrote => Answer(rate.Count(state, now), wrote, now),
        VisitorPressed pressed => Command(rate.Count(state, now), pressed, now),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown session input."),
    };

    private SessionDecision Answer(SessionState state, VisitorWrote wrote, DateTimeOffset now)
    {
        var answer = wrote.Answer;
        var reply = answer.Outcome is AnswerOutcome.NotKnown or AnswerOutcome.NeedsHuman
            ? new Reply(
                $"{answer.Text}\n\n{Text(TemplateKeys.EscalationOffer, answer.Language)}",
                [Button(VisitorCommand.RequestOperator, TemplateKeys.RequestOperatorLabel, answer.Language),
                 Button(VisitorCommand.ContinueAi, TemplateKeys.ContinueWithAssistantLabel, answer.Language)])
            : new Reply(answer.Text, answer.Actions);

        var analytics = new AnalyticsEvent(AnalyticsEventTypes.ChatMessage, state.Id, now, new Dictionary<string, string>
        {
            ["language"] = answer.Language.Code(),
            ["outcome"] = answer.Outcome.Name(),
            ["topics"] = string.Join(',', answer.Topics),
            ["answerer"] = answer.Answerer,
        });

        return Exchange(state with { Language = answer.Language }, wrote.Text, wrote.ClientMessageId, reply, now, [new RecordAnalytics(analytics)]);
    }

    private SessionDecision Command(SessionState state, VisitorPressed pressed, DateTimeOffset now)
    {
        var language = state.Language ?? Language.Italian;
        switch (pressed.Command)
        {
            case VisitorCommand.RequestOperator:
                // No operator can take a chat yet: say so and give the channels where the staff answers.
                var escalation = new AnalyticsEvent(AnalyticsEventTypes.EscalationRequest, state.Id, now, new Dictionary<string, string>
                {
                    ["result"] = "no_operator_online",
                });
                return Exchange(
                    state,
                    Text(TemplateKeys.RequestOperatorLabel, language),
                    pressed.ClientMessageId,
                    new Reply(Text(TemplateKeys.OperatorUnavailable, language), [.. KnowledgeBase.ContactLinks.Select(id => knowledge.Link(id, language))]),
                    now,
                    [new RecordAnalytics(escalation)]);
            case VisitorCommand.ContinueAi:
                return Exchange(
                    state,
                    Text(TemplateKeys.ContinueWithAssistantLabel, language),
                    pressed.ClientMessageId,
                    new Reply(Text(TemplateKeys.ContinueWithAssistant, language), []),
                    now,
                    []);
            default:
                throw new ArgumentOutOfRangeException(nameof(pressed), pressed.Command, "Unknown visitor command.");
        }
    }

    /// <summary>The visitor's line and the reply, numbered after the last message of the session.</summary>
    private static SessionDecision Exchange(
        SessionState state, string visitorText, string? clientMessageId, Reply reply, DateTimeOffset now, IReadOnlyList<SessionEffect> effects)
    {
        var visitor = new ChatMessage(state.LastSequence + 1, MessageSender.Visitor, visitorText, [], now, clientMessageId);
        var bot = new ChatMessage(state.LastSequence + 2, MessageSender.Bot, reply.Text, reply.Actions, now);
        return new SessionDecision(state with { LastSequence = bot.Sequence, LastActivityAt = now }, [visitor, bot], effects);
    }

    private SmartAction Button(VisitorCommand command, string labelKey, Language language) =>
        SmartAction.Command(command, Text(labelKey, language));

    private string Text(string key, Language language) =>
        knowledge.Templates.Render(key, language, name => knowledge.Fact(name, language));

    private sealed record Reply(string Text, IReadOnlyList<SmartAction> Actions);
}
