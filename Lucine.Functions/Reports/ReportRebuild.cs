using System.Globalization;
using Azure.Data.Tables;
using Lucine.Domain.Reports;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Reports;

/// <summary>What a rebuild did: the days counted again and the raw events read and counted.</summary>
public sealed record RebuildResult(string From, string To, int Days, int EventsRead, int EventsCounted);

/// <summary>
/// Counts the aggregates of a range of days again from the raw events (<c>Analytics</c>): clears the
/// days (counters and markers), then applies every event of those days through the same rollup as the
/// outbox. Ratings count on the day the conversation ended but are recorded later, so the raw days read
/// go from the day before the range (UTC is behind the park's days at most by a day) to today.
/// An event the outbox delivers meanwhile has its marker either way: it counts once.
/// </summary>
public sealed class ReportRebuild(LucineTables tables, ReportStore store, TimeProvider clock)
{
    /// <summary>The raw RowKey is the event's UTC time of day (HHmmssfffffff), a dash, then the event's key.</summary>
    private const int TimePrefixLength = 14;

    public async Task<RebuildResult> RunAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            await store.ClearAsync(day, cancellationToken);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var last = today > to.AddDays(1) ? today : to.AddDays(1);
        int read = 0, counted = 0;
        for (var utcDay = from.AddDays(-1); utcDay <= last; utcDay = utcDay.AddDays(1))
        {
            var partition = utcDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var rows = await tables.Analytics.QueryAsync(TableRows.Partition(partition), null, cancellationToken);
            read += rows.Count;
            var inRange = rows.Select(Record).Where(r =>
            {
                var day = ReportRollup.DayOf(r.Event, store.Zone);
                return day >= from && day <= to;
            }).ToList();
            counted += inRange.Count(r => ReportRollup.RowsOf(r.Event) != RollupRows.None);
            await store.ApplyAsync(inRange, cancellationToken);
        }

        return new RebuildResult(DateText.IsoDay(from), DateText.IsoDay(to), to.DayNumber - from.DayNumber + 1, read, counted);
    }

    /// <summary>A raw event as the recorder wrote it (<see cref="TableAnalyticsStore"/>), with the same key.</summary>
    private static AnalyticsRecord Record(TableEntity row)
    {
        const string data = "Data_";
        var fields = row.Keys.Where(k => k.StartsWith(data, StringComparison.Ordinal)).ToDictionary(k => k[data.Length..], k => row.GetString(k) ?? string.Empty);
        var e = new AnalyticsEvent(row.GetString("Type") ?? string.Empty, row.GetString("Subject") ?? string.Empty, row.GetDateTimeOffset("At") ?? default, fields);
        return new AnalyticsRecord(row.RowKey[TimePrefixLength..], e);
    }
}
