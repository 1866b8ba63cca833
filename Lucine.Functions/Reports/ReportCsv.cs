using System.Globalization;
using System.Text;
using Lucine.Functions.Audit;

namespace Lucine.Functions.Reports;

/// <summary>
/// The overview as CSV (RFC 4180, cells escaped as the audit log's): one row per day, then a
/// <c>total</c> row; the columns are the figures' scalar fields flattened, an empty cell for no data.
/// Topics and fallback reasons are lists of their own, not columns.
/// </summary>
public static class ReportCsv
{
    public static string Write(OverviewReport report)
    {
        var columns = Columns(report.Totals).Select(c => c.Name).ToList();
        var csv = new StringBuilder();
        csv.Append(string.Join(',', columns.Prepend("day").Select(AuditCsv.Cell))).Append("\r\n");
        foreach (var day in report.Days)
        {
            Line(csv, day.Day, day);
        }

        Line(csv, "total", report.Totals);
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, string day, ReportFigures figures) =>
        csv.Append(string.Join(',', Columns(figures).Select(c => c.Value).Prepend(day).Select(AuditCsv.Cell))).Append("\r\n");

    /// <summary>The columns of a row, in order; every row has the same, since every row lists every channel, priority and language.</summary>
    public static IEnumerable<(string Name, string Value)> Columns(ReportFigures f)
    {
        yield return ("conversations", Number(f.Conversations));
        yield return ("assistant_only", Number(f.AssistantOnly));
        yield return ("escalated", Number(f.Escalated));
        yield return ("abandoned_in_queue", Number(f.AbandonedInQueue));
        yield return ("converted_to_tickets", Number(f.ConvertedToTickets));
        foreach (var (name, value) in new[] { ("queue_wait", f.QueueWait), ("first_response", f.FirstResponse), ("chat_duration", f.ChatDuration) })
        {
            yield return (name + "_p50", Number(value.P50));
            yield return (name + "_p90", Number(value.P90));
        }

        yield return ("tickets_opened", Number(f.Tickets.Opened));
        foreach (var (channel, count) in f.Tickets.ByChannel)
        {
            yield return ("tickets_" + channel, Number(count));
        }

        foreach (var (priority, count) in f.Tickets.ByPriority)
        {
            yield return ("tickets_priority_" + priority, Number(count));
        }

        foreach (var sla in f.Sla)
        {
            yield return ($"sla_{sla.Priority}_first_response_met_percent", Number(sla.FirstResponseMetPercent));
            yield return ($"sla_{sla.Priority}_resolution_met_percent", Number(sla.ResolutionMetPercent));
        }

        yield return ("csat_average", Number(f.Csat.Average));
        yield return ("csat_responses", Number(f.Csat.Responses));
        yield return ("csat_response_rate", Number(f.Csat.ResponseRate));
        for (var stars = 1; stars <= f.Csat.Distribution.Count; stars++)
        {
            yield return ($"csat_{stars}_stars", Number(f.Csat.Distribution[stars - 1]));
        }

        foreach (var (language, count) in f.Languages)
        {
            yield return ("language_" + language, Number(count));
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;
}
