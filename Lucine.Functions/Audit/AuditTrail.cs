using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Audit;

/// <summary>
/// One thing a member of staff did or tried: who, when, what, on which object, from which address,
/// how it ended (status code, and the problem type when refused), with the values that matter (never
/// a secret, never a message's text).
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At, string Actor, string Action, string Target, string Address, int Status, string? Problem, IReadOnlyDictionary<string, string> Details);

/// <summary>What an admin looks for: a range of UTC days, and optionally one actor, action and object (exact values).</summary>
public sealed record AuditQuery(DateOnly From, DateOnly To, string? Actor, string? Action, string? Target);

/// <summary>Where a page of entries stopped: the day and the last row key read.</summary>
public sealed record AuditCursor(DateOnly Day, string After);

/// <summary>
/// The audit log, kept one partition per UTC day with the newest first (inverted ticks in the row
/// key), so that reading a day is one partition query in the order it is shown, and retention
/// deletes whole old days. Nothing here changes or removes an entry except retention.
/// </summary>
public sealed class AuditTrail(LucineTables tables, TimeProvider clock, IOptions<AuditOptions> options)
{
    private const string DayFormat = "yyyyMMdd";
    private const int RowKeyLength = 19 + 1 + 32;

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var at = entry.At;
        var row = new TableEntity(Day(DateOnly.FromDateTime(at.UtcDateTime)), $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["At"] = at,
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["Target"] = entry.Target,
            ["Address"] = entry.Address,
            ["Status"] = entry.Status,
            ["Details"] = JsonSerializer.Serialize(entry.Details, Wire.Json),
        };
        await tables.Audit.AddEntityAsync(row.With("Problem", entry.Problem), cancellationToken);
    }

    /// <summary>One page of matching entries, newest first, and the cursor of the next page (null at the end).</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, AuditCursor? Next)> SearchAsync(
        AuditQuery query, AuditCursor? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        for (var day = cursor?.Day ?? query.To; day >= query.From; day = day.AddDays(-1))
        {
            var filter = Filter(query, day, cursor is { } at && at.Day == day ? at.After : null);
            await foreach (var row in tables.Audit.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken))
            {
                entries.Add(ToEntry(row));
                if (entries.Count == pageSize)
                {
                    return (entries, new AuditCursor(day, row.RowKey));
                }
            }
        }

        return (entries, null);
    }

    /// <summary>Deletes the entries of the days older than the retention, oldest first, at most one batch; how many it deleted.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var firstKept = DateOnly.FromDateTime((clock.GetUtcNow() - settings.Retention).UtcDateTime);

        // Partition keys sort as days: the query reads only expired rows, the oldest first.
        var expired = await tables.Audit.QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey lt {Day(firstKept)}"), settings.PruneBatch, cancellationToken, ["PartitionKey", "RowKey"]);
        foreach (var day in expired.GroupBy(row => row.PartitionKey))
        {
            await tables.Audit.DeleteAsync(day.Key, day.Select(row => row.RowKey).ToList(), cancellationToken);
        }

        return expired.Count;
    }

    public static string Cursor(AuditCursor cursor) => Day(cursor.Day) + "." + cursor.After;

    /// <summary>A cursor this log gave out, or null.</summary>
    public static AuditCursor? ParseCursor(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 2
            && DateOnly.TryParseExact(parts[0], DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && parts[1].Length == RowKeyLength && parts[1][..19].All(char.IsAsciiDigit) && parts[1][19] == '-' && parts[1][20..].All(char.IsAsciiHexDigitLower)
                ? new AuditCursor(day, parts[1])
                : null;
    }

    private static string Filter(AuditQuery query, DateOnly day, string? after)
    {
        var conditions = new List<string> { TableRows.Partition(Day(day)) };
        if (after is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (query.Actor is { } actor)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Actor eq {actor}"));
        }

        if (query.Action is { } action)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Action eq {action}"));
        }

        if (query.Target is { } target)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Target eq {target}"));
        }

        return string.Join(" and ", conditions);
    }

    private static AuditEntry ToEntry(TableEntity row) => new(
        row.GetDateTimeOffset("At") ?? default,
        row.GetString("Actor") ?? string.Empty,
        row.GetString("Action") ?? string.Empty,
        row.GetString("Target") ?? string.Empty,
        row.GetString("Address") ?? string.Empty,
        row.GetInt32("Status") ?? 0,
        row.GetString("Problem"),
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Details") ?? "{}", Wire.Json) ?? []);

    private static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);
}
