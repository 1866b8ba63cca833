using System.Globalization;
using Lucine.Domain.Decisions;

namespace Lucine.Domain.Reports;

/// <summary>Which stored rows of its day an event changes.</summary>
[Flags]
public enum RollupRows
{
    None = 0,

    /// <summary>The day's overview counters.</summary>
    Figures = 1,

    /// <summary>The day's per-operator counters.</summary>
    Operators = 2,
}

/// <summary>
/// How one analytics event changes the counters of its day: the one place where the reports'
/// definitions (what is a conversation, an escalation, a first response…) are applied. Events are
/// counted on the park-local day they happened, except ratings, which count on the day the
/// conversation or ticket they rate ended. Applying is adding: the order of events does not matter.
/// </summary>
public static class ReportRollup
{
    /// <summary>The park-local day whose counters the event changes.</summary>
    public static DateOnly DayOf(AnalyticsEvent e, TimeZoneInfo zone)
    {
        var at = e.At;
        if (e.Type == AnalyticsEventTypes.SatisfactionRated
            && e.Data.TryGetValue("ended_at", out var ended)
            && DateTimeOffset.TryParse(ended, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var endedAt))
        {
            at = endedAt;
        }

        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
    }

    public static RollupRows RowsOf(AnalyticsEvent e) => e.Type switch
    {
        AnalyticsEventTypes.ChatEnded => RollupRows.Figures | (Text(e, "operator") is null ? RollupRows.None : RollupRows.Operators),
        AnalyticsEventTypes.OperatorMessageSent when Seconds(e, "first_response_seconds") is not null => RollupRows.Figures | RollupRows.Operators,
        AnalyticsEventTypes.QueueAssignmentCompleted or AnalyticsEventTypes.OperatorTookChat when Seconds(e, "waited_seconds") is not null => RollupRows.Figures,
        AnalyticsEventTypes.ChatMessage or AnalyticsEventTypes.TicketCreated or AnalyticsEventTypes.SlaMet => RollupRows.Figures,
        AnalyticsEventTypes.SlaViolation when Text(e, "sla") is { } sla && sla.StartsWith("ticket_", StringComparison.Ordinal) => RollupRows.Figures,
        AnalyticsEventTypes.TicketStatusChanged when Text(e, "to") == "resolved" =>
            RollupRows.Figures | (Text(e, "operator") is null ? RollupRows.None : RollupRows.Operators),
        AnalyticsEventTypes.SatisfactionRated when Score(e, "score") is not null =>
            RollupRows.Figures | (Text(e, "operator") is null ? RollupRows.None : RollupRows.Operators),
        _ => RollupRows.None,
    };

    /// <summary>Adds the event to its day's counters (those <see cref="RowsOf"/> names).</summary>
    public static void Apply(AnalyticsEvent e, DayFigures day, IDictionary<string, OperatorFigures> operators)
    {
        var rows = RowsOf(e);
        if (rows == RollupRows.None)
        {
            return;
        }

        var person = rows.HasFlag(RollupRows.Operators) && Text(e, "operator") is { } username ? OperatorOf(operators, username) : null;
        switch (e.Type)
        {
            case AnalyticsEventTypes.ChatEnded:
                ConversationEnded(e, day, person);
                break;
            case AnalyticsEventTypes.OperatorMessageSent:
                var firstResponse = Seconds(e, "first_response_seconds")!.Value;
                day.FirstResponse.Add(firstResponse);
                person?.FirstResponse.Add(firstResponse);
                break;
            case AnalyticsEventTypes.QueueAssignmentCompleted or AnalyticsEventTypes.OperatorTookChat:
                day.QueueWait.Add(Seconds(e, "waited_seconds")!.Value);
                break;
            case AnalyticsEventTypes.ChatMessage:
                Question(e, day);
                break;
            case AnalyticsEventTypes.TicketCreated:
                day.TicketsOpened++;
                Counts.Add(day.TicketsByChannel, Text(e, "channel") ?? "unknown");
                Counts.Add(day.TicketsByPriority, Text(e, "priority") ?? "unknown");
                break;
            case AnalyticsEventTypes.SlaMet or AnalyticsEventTypes.SlaViolation:
                SlaEnded(e, day);
                break;
            case AnalyticsEventTypes.TicketStatusChanged:
                day.TicketsResolved++;
                if (person is not null)
                {
                    person.TicketsResolved++;
                }

                break;
            case AnalyticsEventTypes.SatisfactionRated:
                var score = Score(e, "score")!.Value;
                var previous = Score(e, "previous_score");
                day.Csat.Rate(score, previous);
                person?.Csat.Rate(score, previous);
                break;
        }
    }

    /// <summary>
    /// A conversation counts once, on the day it ended, in exactly one class: converted to a ticket;
    /// else escalated (an operator took part); else abandoned in the queue (queued, never reached an
    /// operator); else the assistant's alone. Its duration counts only when an operator took part.
    /// </summary>
    private static void ConversationEnded(AnalyticsEvent e, DayFigures day, OperatorFigures? person)
    {
        day.Conversations++;
        var reached = Text(e, "reached_operator") == "true";
        switch (Class(Text(e, "outcome"), reached, Text(e, "queued") == "true"))
        {
            case ConversationClass.ConvertedToTicket:
                day.ConvertedToTickets++;
                break;
            case ConversationClass.Escalated:
                day.Escalated++;
                break;
            case ConversationClass.AbandonedInQueue:
                day.AbandonedInQueue++;
                break;
            default:
                day.AssistantOnly++;
                break;
        }

        Counts.Add(day.Languages, Text(e, "language") ?? "it");
        if (reached && Seconds(e, "duration_seconds") is { } duration)
        {
            day.ChatDuration.Add(duration);
        }

        if (person is not null)
        {
            person.Chats++;
        }
    }

    public static ConversationClass Class(string? outcome, bool reachedOperator, bool queued) =>
        outcome == "converted_to_ticket" ? ConversationClass.ConvertedToTicket
        : reachedOperator ? ConversationClass.Escalated
        : queued ? ConversationClass.AbandonedInQueue
        : ConversationClass.AssistantOnly;

    private static void Question(AnalyticsEvent e, DayFigures day)
    {
        day.Questions++;
        if (Text(e, "outcome") == "not_known")
        {
            day.Unknown++;
        }

        foreach (var topic in (Text(e, "topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Counts.Add(day.Topics, topic);
        }

        if (Text(e, "fallback_reason") is { } reason)
        {
            Counts.Add(day.FallbackReasons, reason);
        }
    }

    /// <summary>A ticket's promise ended: met (its priority then), or breached (measured against the priority before the breach raised it).</summary>
    private static void SlaEnded(AnalyticsEvent e, DayFigures day)
    {
        var met = e.Type == AnalyticsEventTypes.SlaMet;
        var priority = (met ? Text(e, "priority") : Text(e, "measured_priority") ?? Text(e, "priority")) ?? "unknown";
        var counts = day.SlaOf(priority);
        var resolution = Text(e, "sla") == "ticket_resolution";
        switch (resolution, met)
        {
            case (true, true):
                counts.ResolutionMet++;
                break;
            case (true, false):
                counts.ResolutionBreached++;
                break;
            case (false, true):
                counts.FirstResponseMet++;
                break;
            default:
                counts.FirstResponseBreached++;
                break;
        }
    }

    private static OperatorFigures OperatorOf(IDictionary<string, OperatorFigures> operators, string username)
    {
        if (!operators.TryGetValue(username, out var figures))
        {
            figures = new OperatorFigures();
            operators[username] = figures;
        }

        return figures;
    }

    private static string? Text(AnalyticsEvent e, string key) =>
        e.Data.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static double? Seconds(AnalyticsEvent e, string key) =>
        Text(e, key) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? seconds : null;

    private static int? Score(AnalyticsEvent e, string key) =>
        Text(e, key) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5 ? score : null;
}

/// <summary>The one class each ended conversation counts in.</summary>
public enum ConversationClass
{
    AssistantOnly,
    Escalated,
    AbandonedInQueue,
    ConvertedToTicket,
}
