using System.Diagnostics.Metrics;
using Lucine.Functions.Decisions;

namespace Lucine.Functions.Chat;

/// <summary>
/// What conversations say and ask for, counted from each committed session decision (so a retried
/// request or a redelivered effect counts nothing twice): messages by who wrote them, and requests
/// for a person by what came of them.
/// </summary>
public sealed class ChatMetrics : IDecisionObserver
{
    public const string MeterName = "Lucine.Chat";
    public const string MessagesInstrument = "lucine.chat.messages";
    public const string EscalationsInstrument = "lucine.chat.escalations";

    private readonly Counter<long> messages;
    private readonly Counter<long> escalations;

    public ChatMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        messages = meter.CreateCounter<long>(MessagesInstrument, description: "Chat messages, by sender (visitor, bot, operator, system) and, for the assistant's, answerer (model, local)");
        escalations = meter.CreateCounter<long>(EscalationsInstrument, description: "Visitors' requests for a person, by result (assigned, queued, no_operator_online)");
    }

    public void Committed<TState>(TState? before, IDecision<TState> decision)
        where TState : class
    {
        if (decision is not SessionDecision session)
        {
            return;
        }

        // The bot's messages in a turn the assistant answered carry who answered; its notices elsewhere carry nobody.
        var answerer = session.Events(AnalyticsEventTypes.ChatMessage).Select(e => e.Data.GetValueOrDefault("answerer")).FirstOrDefault();
        foreach (var message in session.Messages)
        {
            var sender = new KeyValuePair<string, object?>("sender", WireNames.Of(message.Sender));
            if (message.Sender == MessageSender.Bot && answerer is not null)
            {
                messages.Add(1, sender, new("answerer", answerer));
            }
            else
            {
                messages.Add(1, sender);
            }
        }

        foreach (var escalation in session.Events(AnalyticsEventTypes.EscalationRequest))
        {
            escalations.Add(1, new KeyValuePair<string, object?>("result", escalation.Data.GetValueOrDefault("result")));
        }
    }
}
