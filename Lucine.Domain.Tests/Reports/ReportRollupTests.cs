using Lucine.Domain.Decisions;
using Lucine.Domain.Reports;

namespace Lucine.Domain.Tests.Reports;

[Trait("Category", Layer.Unit)]
public sealed class ReportRollupTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly DayFigures day = new();
    private readonly Dictionary<string, OperatorFigures> operators = [];

    private static AnalyticsEvent Event(string type, params (string Key, string Value)[] data) =>
        new(type, "s1", At, data.ToDictionary(d => d.Key, d => d.Value));

    private void Apply(string type, params (string Key, string Value)[] data) => ReportRollup.Apply(Event(type, data), day, operators);

    private void Ended(string outcome, bool reached, bool queued, string op = "", string language = "it", int seconds = 300) =>
        Apply(AnalyticsEventTypes.ChatEnded, ("outcome", outcome), ("operator", op), ("reached_operator", reached ? "true" : "false"),
            ("queued", queued ? "true" : "false"), ("language", language), ("duration_seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("converted_to_ticket", true, true, ConversationClass.ConvertedToTicket)]
    [InlineData("converted_to_ticket", false, false, ConversationClass.ConvertedToTicket)]
    [InlineData("resolved", true, true, ConversationClass.Escalated)]
    [InlineData("cancelled", false, true, ConversationClass.AbandonedInQueue)]
    [InlineData("resolved", false, false, ConversationClass.AssistantOnly)]
    [InlineData("abandoned", false, false, ConversationClass.AssistantOnly)]
    public void Each_conversation_counts_in_exactly_one_class(string outcome, bool reached, bool queued, ConversationClass expected) =>
        Assert.Equal(expected, ReportRollup.Class(outcome, reached, queued));

    [Fact]
    public void Ended_conversations_add_up_to_their_classes_and_languages()
    {
        Ended("resolved", reached: false, queued: false);
        Ended("resolved", reached: true, queued: true, op: "sara", language: "en", seconds: 250);
        Ended("cancelled", reached: false, queued: true);
        Ended("converted_to_ticket", reached: false, queued: false);

        Assert.Equal((4L, 1L, 1L, 1L, 1L), (day.Conversations, day.AssistantOnly, day.Escalated, day.AbandonedInQueue, day.ConvertedToTickets));
        Assert.Equal(3, day.Languages["it"]);
        Assert.Equal(1, day.Languages["en"]);

        // Only the chat an operator took part in has a duration; the operator in charge at the end has the chat.
        Assert.Equal(1, day.ChatDuration.Total());
        Assert.Equal(1, operators["sara"].Chats);
    }

    [Fact]
    public void Waits_and_first_responses_go_to_their_histograms()
    {
        Apply(AnalyticsEventTypes.QueueAssignmentCompleted, ("operator", "sara"), ("waited_seconds", "70"));
        Apply(AnalyticsEventTypes.OperatorTookChat, ("operator", "luca"), ("waited_seconds", "0"));
        Apply(AnalyticsEventTypes.OperatorMessageSent, ("operator", "sara"), ("first_response_seconds", "40"));

        Assert.Equal(2, day.QueueWait.Total());
        Assert.Equal(1, day.FirstResponse.Total());
        Assert.Equal(1, operators["sara"].FirstResponse.Total());
        Assert.False(operators.ContainsKey("luca"));
    }

    [Fact]
    public void Questions_count_unknown_answers_topics_and_fallbacks()
    {
        Apply(AnalyticsEventTypes.ChatMessage, ("outcome", "answered"), ("topics", "parcheggio,biglietti"));
        Apply(AnalyticsEventTypes.ChatMessage, ("outcome", "not_known"), ("topics", ""), ("fallback_reason", "timeout"));
        Apply(AnalyticsEventTypes.ChatMessage, ("outcome", "answered"), ("topics", "parcheggio"));

        Assert.Equal((3L, 1L), (day.Questions, day.Unknown));
        Assert.Equal(2, day.Topics["parcheggio"]);
        Assert.Equal(1, day.FallbackReasons["timeout"]);
    }

    [Fact]
    public void Tickets_and_their_promises_count_by_channel_and_priority()
    {
        Apply(AnalyticsEventTypes.TicketCreated, ("channel", "email"), ("priority", "medium"));
        Apply(AnalyticsEventTypes.SlaMet, ("sla", "ticket_first_response"), ("priority", "medium"));
        Apply(AnalyticsEventTypes.SlaViolation, ("sla", "ticket_first_response"), ("priority", "high"), ("measured_priority", "medium"));
        Apply(AnalyticsEventTypes.SlaMet, ("sla", "ticket_resolution"), ("priority", "medium"));
        Apply(AnalyticsEventTypes.SlaViolation, ("sla", "queue_wait"));
        Apply(AnalyticsEventTypes.TicketStatusChanged, ("from", "in_progress"), ("to", "resolved"), ("operator", "sara"));
        Apply(AnalyticsEventTypes.TicketStatusChanged, ("from", "open"), ("to", "in_progress"), ("operator", "sara"));

        Assert.Equal(1, day.TicketsOpened);
        Assert.Equal(1, day.TicketsByChannel["email"]);
        Assert.Equal(50.0, day.Sla["medium"].FirstResponseMetPercent());
        Assert.Equal(100.0, day.Sla["medium"].ResolutionMetPercent());
        Assert.False(day.Sla.ContainsKey("high"));
        Assert.Equal(1, day.TicketsResolved);
        Assert.Equal(1, operators["sara"].TicketsResolved);
    }

    [Fact]
    public void A_changed_rating_moves_its_count_without_adding_a_response()
    {
        Apply(AnalyticsEventTypes.SatisfactionRated, ("score", "2"), ("previous_score", ""), ("kind", "operator"), ("operator", "sara"));
        Apply(AnalyticsEventTypes.SatisfactionRated, ("score", "5"), ("previous_score", ""), ("kind", "assistant"), ("operator", ""));
        Apply(AnalyticsEventTypes.SatisfactionRated, ("score", "4"), ("previous_score", "2"), ("kind", "operator"), ("operator", "sara"));

        Assert.Equal(2, day.Csat.Responses);
        Assert.Equal(4.5, day.Csat.Average());
        Assert.Equal([0L, 0, 0, 1, 1], day.Csat.Distribution);
        Assert.Equal((1L, 4.0), (operators["sara"].Csat.Responses, operators["sara"].Csat.Average()));
    }

    [Fact]
    public void Events_count_on_the_park_local_day_across_the_change_of_time()
    {
        // 22:30 UTC is 00:30 the next day in Rome in summer time (UTC+2) and in winter time (UTC+1).
        Assert.Equal(new DateOnly(2026, 10, 25), ReportRollup.DayOf(Event(AnalyticsEventTypes.ChatEnded) with { At = new(2026, 10, 24, 22, 30, 0, TimeSpan.Zero) }, Rome));
        Assert.Equal(new DateOnly(2026, 10, 25), ReportRollup.DayOf(Event(AnalyticsEventTypes.ChatEnded) with { At = new(2026, 10, 25, 22, 30, 0, TimeSpan.Zero) }, Rome));
        Assert.Equal(new DateOnly(2026, 10, 26), ReportRollup.DayOf(Event(AnalyticsEventTypes.ChatEnded) with { At = new(2026, 10, 25, 23, 30, 0, TimeSpan.Zero) }, Rome));
    }

    [Fact]
    public void A_rating_counts_on_the_day_its_conversation_ended()
    {
        var rating = Event(AnalyticsEventTypes.SatisfactionRated, ("score", "5"), ("ended_at", "2026-11-30T22:59:00.0000000Z")) with { At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero) };

        Assert.Equal(new DateOnly(2026, 11, 30), ReportRollup.DayOf(rating, Rome));
    }

    [Fact]
    public void Events_the_reports_do_not_count_change_nothing()
    {
        Assert.Equal(RollupRows.None, ReportRollup.RowsOf(Event(AnalyticsEventTypes.EscalationRequest, ("result", "queued"))));
        Assert.Equal(RollupRows.None, ReportRollup.RowsOf(Event(AnalyticsEventTypes.SatisfactionRated, ("score", "9"))));
        Assert.Equal(RollupRows.Figures | RollupRows.Operators, ReportRollup.RowsOf(Event(AnalyticsEventTypes.OperatorMessageSent, ("operator", "sara"), ("first_response_seconds", "4"))));
    }
}
