using System.Text.Json.Serialization;

namespace Lucine.Functions.Reports;

// The shapes of GET /api/reports/overview and /api/reports/operators/{username}. A figure without
// data is null, written as null (not left out), so that a client reads "no data" the same way everywhere.

public sealed record Percentiles(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? P50,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? P90);

public sealed record TicketFigures(long Opened, IReadOnlyDictionary<string, long> ByChannel, IReadOnlyDictionary<string, long> ByPriority);

public sealed record SlaFigures(
    string Priority,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? FirstResponseMetPercent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? ResolutionMetPercent);

public sealed record CsatFigures(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Average,
    long Responses,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? ResponseRate,
    IReadOnlyList<long> Distribution);

public sealed record TopicCount(string Topic, long Count);

/// <summary>The figures of a day, or of the whole range (<c>totals</c>).</summary>
public record ReportFigures(
    long Conversations,
    long AssistantOnly,
    long Escalated,
    long AbandonedInQueue,
    long ConvertedToTickets,
    Percentiles QueueWait,
    Percentiles FirstResponse,
    Percentiles ChatDuration,
    TicketFigures Tickets,
    IReadOnlyList<SlaFigures> Sla,
    CsatFigures Csat,
    IReadOnlyDictionary<string, long> Languages,
    IReadOnlyList<TopicCount> Topics,
    IReadOnlyDictionary<string, long> FallbackReasons);

/// <summary>One day's figures, with the day they are of.</summary>
public sealed record DayReport : ReportFigures
{
    public DayReport(string day, ReportFigures figures)
        : base(figures) => Day = day;

    [JsonPropertyOrder(-1)]
    public string Day { get; init; }
}

public sealed record WeekReport(
    string Week,
    long Questions,
    long Unknown,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? UnknownPercent);

public record OperatorTotals(
    long Chats,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? FirstResponseP50,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? CsatAverage,
    long CsatResponses,
    long TicketsResolved);

public sealed record OperatorRow : OperatorTotals
{
    public OperatorRow(string username, OperatorTotals totals)
        : base(totals) => Username = username;

    [JsonPropertyOrder(-1)]
    public string Username { get; init; }
}

public sealed record OperatorDay : OperatorTotals
{
    public OperatorDay(string day, OperatorTotals totals)
        : base(totals) => Day = day;

    [JsonPropertyOrder(-1)]
    public string Day { get; init; }
}

public sealed record OverviewReport(
    string From,
    string To,
    string TimeZone,
    ReportFigures Totals,
    IReadOnlyList<DayReport> Days,
    IReadOnlyList<WeekReport> Weeks,
    IReadOnlyList<OperatorRow> Operators);

public sealed record OperatorReport(string Username, string From, string To, string TimeZone, OperatorTotals Totals, IReadOnlyList<OperatorDay> Days);
