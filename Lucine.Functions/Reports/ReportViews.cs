using System.Globalization;
using Lucine.Domain.Reports;
using Lucine.Domain.Tickets;

namespace Lucine.Functions.Reports;

/// <summary>From stored days to the reports' answers: days merged into the range's totals, percentiles read from the merged histograms.</summary>
public static class ReportViews
{
    public const int MaxTopics = 10;

    private static readonly string[] Channels = [.. Enum.GetValues<ContactChannel>().Select(c => WireNames.Of(c))];
    private static readonly string[] Priorities = [.. Enum.GetValues<TicketPriority>().Select(p => WireNames.Of(p))];
    private static readonly string[] LanguageCodes = ["it", "en"];

    public static OverviewReport Overview(DateOnly from, DateOnly to, string zone, IReadOnlyList<StoredDay> days)
    {
        var totals = new DayFigures();
        var operators = new Dictionary<string, OperatorFigures>(StringComparer.Ordinal);
        foreach (var day in days)
        {
            totals.Merge(day.Figures);
            foreach (var (username, figures) in day.Operators)
            {
                (operators.TryGetValue(username, out var sum) ? sum : operators[username] = new OperatorFigures()).Merge(figures);
            }
        }

        var weeks = days
            .GroupBy(d => $"{ISOWeek.GetYear(d.Day.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(d.Day.ToDateTime(TimeOnly.MinValue)):D2}")
            .Select(week =>
            {
                var questions = week.Sum(d => d.Figures.Questions);
                var unknown = week.Sum(d => d.Figures.Unknown);
                return new WeekReport(week.Key, questions, unknown, ReportMath.Percent(unknown, questions));
            })
            .ToList();
        return new OverviewReport(
            DateText.IsoDay(from), DateText.IsoDay(to), zone, Figures(totals),
            [.. days.Select(d => new DayReport(DateText.IsoDay(d.Day), Figures(d.Figures)))],
            weeks,
            [.. operators.OrderByDescending(o => o.Value.Chats).ThenBy(o => o.Key, StringComparer.Ordinal).Select(o => new OperatorRow(o.Key, Totals(o.Value)))]);
    }

    public static OperatorReport Operator(string username, DateOnly from, DateOnly to, string zone, IReadOnlyList<StoredDay> days)
    {
        var totals = new OperatorFigures();
        var perDay = new List<OperatorDay>(days.Count);
        foreach (var day in days)
        {
            var figures = day.Operators.GetValueOrDefault(username) ?? new OperatorFigures();
            totals.Merge(figures);
            perDay.Add(new OperatorDay(DateText.IsoDay(day.Day), Totals(figures)));
        }

        return new OperatorReport(username, DateText.IsoDay(from), DateText.IsoDay(to), zone, Totals(totals), perDay);
    }

    public static OperatorTotals Totals(OperatorFigures figures) =>
        new(figures.Chats, ReportMath.Seconds(figures.FirstResponse.Percentile(50)), figures.Csat.Average(), figures.Csat.Responses, figures.TicketsResolved);

    public static ReportFigures Figures(DayFigures day) => new(
        day.Conversations,
        day.AssistantOnly,
        day.Escalated,
        day.AbandonedInQueue,
        day.ConvertedToTickets,
        Percentiles(day.QueueWait),
        Percentiles(day.FirstResponse),
        Percentiles(day.ChatDuration),
        new TicketFigures(day.TicketsOpened, Every(Channels, day.TicketsByChannel), Every(Priorities, day.TicketsByPriority)),
        [.. Priorities.Concat(day.Sla.Keys.Except(Priorities).Order(StringComparer.Ordinal)).Select(p =>
        {
            var counts = day.Sla.GetValueOrDefault(p) ?? new SlaCounts();
            return new SlaFigures(p, counts.FirstResponseMetPercent(), counts.ResolutionMetPercent());
        })],
        new CsatFigures(day.Csat.Average(), day.Csat.Responses, ReportMath.Percent(day.Csat.Responses, day.Conversations + day.TicketsResolved), [.. day.Csat.Distribution]),
        Every(LanguageCodes, day.Languages),
        [.. day.Topics.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(MaxTopics).Select(t => new TopicCount(t.Key, t.Value))],
        new SortedDictionary<string, long>(day.FallbackReasons, StringComparer.Ordinal));

    private static Percentiles Percentiles(Histogram histogram) =>
        new(ReportMath.Seconds(histogram.Percentile(50)), ReportMath.Seconds(histogram.Percentile(90)));

    /// <summary>Every known name, with zero when nothing counted it, then any other name counted.</summary>
    private static IReadOnlyDictionary<string, long> Every(IEnumerable<string> known, Dictionary<string, long> counts)
    {
        var all = known.ToDictionary(k => k, counts.GetValueOrDefault, StringComparer.Ordinal);
        foreach (var (key, value) in counts.Where(c => !all.ContainsKey(c.Key)))
        {
            all[key] = value;
        }

        return all;
    }
}
