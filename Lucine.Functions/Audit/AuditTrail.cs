using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Audit;

/// <summary>One thing a member of staff changed: who, when, what, to whom, with the values that matter (never a secret).</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, IReadOnlyDictionary<string, string> Details);

/// <summary>
/// Staff changes, kept one partition per UTC day with the newest first (inverted ticks in the row
/// key), so that reading a day is one partition query in the order it is shown.
/// </summary>
public sealed class AuditTrail(LucineTables tables, TimeProvider clock)
{
    public async Task RecordAsync(string actor, string action, string target, IReadOnlyDictionary<string, string>? details, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var entity = new TableEntity(Day(at), $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["At"] = at,
            ["Actor"] = actor,
            ["Action"] = action,
            ["Target"] = target,
            ["Details"] = JsonSerializer.Serialize(details ?? new Dictionary<string, string>(), Wire.Json),
        };
        await tables.Audit.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>The entries of <paramref name="days"/> UTC days up to <paramref name="until"/>, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateOnly until, int days, int limit, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        for (var day = until; day > until.AddDays(-days) && entries.Count < limit; day = day.AddDays(-1))
        {
            var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            foreach (var row in await tables.Audit.QueryAsync(TableRows.Partition(partition), limit - entries.Count, cancellationToken))
            {
                entries.Add(new AuditEntry(
                    row.GetDateTimeOffset("At") ?? default,
                    row.GetString("Actor") ?? string.Empty,
                    row.GetString("Action") ?? string.Empty,
                    row.GetString("Target") ?? string.Empty,
                    JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Details") ?? "{}", Wire.Json) ?? []));
            }
        }

        return entries;
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
