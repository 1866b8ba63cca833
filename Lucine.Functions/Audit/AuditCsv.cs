using System.Globalization;
using System.Text;

namespace Lucine.Functions.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180): every cell quoted when it holds a comma, quote or line break,
/// and a cell that a spreadsheet would take for a formula (starting with = + - @, tab or carriage
/// return) prefixed with a quote, so that a username like <c>=HYPERLINK(…)</c> stays text.
/// </summary>
public static class AuditCsv
{
    public const string Header = "at,actor,action,object,address,status,problem,details\r\n";

    public static string Line(AuditEntry entry)
    {
        var details = string.Join("; ", entry.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
        string[] cells =
        [
            entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            entry.Actor, entry.Action, entry.Target, entry.Address,
            entry.Status.ToString(CultureInfo.InvariantCulture), entry.Problem ?? string.Empty, details,
        ];
        return string.Join(',', cells.Select(Cell)) + "\r\n";
    }

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
