using Azure;
using Azure.Data.Tables;
using Lucine.Domain.Reports;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Reports;

/// <summary>One day's stored aggregates: its counters and its operators' counters (empty when nothing happened).</summary>
public sealed record StoredDay(DateOnly Day, DayFigures Figures, IReadOnlyDictionary<string, OperatorFigures> Operators);

/// <summary>
/// The daily aggregates the reports read. Events are applied idempotently: each day's batch is one
/// entity-group transaction that adds a marker per event (<see cref="EventMarkers"/>: an event already
/// counted has its marker, and the add fails) and replaces the counters under their ETag (another writer got there first: read
/// again, apply again). A report reads two rows per day, whatever the number of conversations, and
/// only today's once the closed days (which change only by a late event or a rebuild, both of which
/// evict them here) have been read.
/// </summary>
public sealed class ReportStore(LucineTables tables, ParkClock park)
{
    /// <summary>Rows left for markers in a transaction, beside the two aggregate rows.</summary>
    private const int EventsPerTransaction = LucineTables.MaxBatchOperations - 2;
    private const int Attempts = 20;
    private const int ParallelReads = 16;

    /// <summary>Closed days kept in memory: two of the longest ranges a report may ask for.</summary>
    private const int MaxCachedDays = 2 * 366;

    /// <summary>
    /// How long a closed day read here is trusted. An event counted on this instance evicts its day at
    /// once; one counted on another instance (a late rating) is seen here after this long at most.
    /// </summary>
    public static readonly TimeSpan ClosedDayKeptFor = TimeSpan.FromMinutes(10);

    private readonly Lock cacheGate = new();
    private readonly Dictionary<DateOnly, (StoredDay Day, DateTimeOffset ReadAt)> closedDays = [];

    /// <summary>Moves on with every eviction, so that a read started before one does not keep what it read.</summary>
    private long evictions;

    public TimeZoneInfo Zone => park.Zone;

    private TableClient Table => tables.Reports;

    /// <summary>Counts the events in their days' aggregates, each once however often it comes.</summary>
    public async Task ApplyAsync(IReadOnlyList<AnalyticsRecord> records, CancellationToken cancellationToken)
    {
        var counted = records.Where(r => ReportRollup.RowsOf(r.Event) != RollupRows.None).DistinctBy(r => r.Key);
        foreach (var day in counted.GroupBy(r => ReportRollup.DayOf(r.Event, Zone)))
        {
            foreach (var chunk in day.Chunk(EventsPerTransaction))
            {
                await ApplyDayAsync(day.Key, chunk, cancellationToken);
            }
        }
    }

    private async Task ApplyDayAsync(DateOnly day, IReadOnlyList<AnalyticsRecord> records, CancellationToken cancellationToken)
    {
        var partition = ReportRows.Partition(day);
        var pending = records.ToList();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var rows = pending.Aggregate(RollupRows.None, (all, r) => all | ReportRollup.RowsOf(r.Event));
            var figuresRead = rows.HasFlag(RollupRows.Figures) ? Table.FindAsync(partition, ReportRows.FiguresRow, cancellationToken) : Task.FromResult<TableEntity?>(null);
            var operatorsRead = rows.HasFlag(RollupRows.Operators) ? Table.FindAsync(partition, ReportRows.OperatorsRow, cancellationToken) : Task.FromResult<TableEntity?>(null);
            var figuresRow = await figuresRead;
            var operatorsRow = await operatorsRead;
            var figures = ReportRows.Figures(figuresRow);
            var operators = ReportRows.Operators(operatorsRow);
            foreach (var record in pending)
            {
                ReportRollup.Apply(record.Event, figures, operators);
            }

            var now = park.Now;
            var batch = pending.Select(r => EventMarkers.Add(partition, r.Key, now)).ToList();
            if (rows.HasFlag(RollupRows.Figures))
            {
                batch.Add(Write(ReportRows.Row(partition, ReportRows.FiguresRow, figures), figuresRow));
            }

            if (rows.HasFlag(RollupRows.Operators))
            {
                batch.Add(Write(ReportRows.Row(partition, ReportRows.OperatorsRow, operators), operatorsRow));
            }

            try
            {
                await Table.SubmitTransactionAsync(batch, cancellationToken);

                // A late event (a rating days after the conversation) changes a closed day.
                Evict(day);
                return;
            }
            catch (RequestFailedException e) when (StorageFailures.IsConflict(e) && attempt < Attempts)
            {
                // A marker that exists is an event counted already (a redelivery); a row that moved is
                // another writer: either way read again, without the events already counted.
                pending = await EventMarkers.UncountedAsync(Table, partition, pending, r => r.Key, cancellationToken);
            }
        }
    }

    private static TableTransactionAction Write(TableEntity row, TableEntity? read) =>
        read is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, read.ETag);

    /// <summary>
    /// The stored aggregates of each day from <paramref name="from"/> to <paramref name="to"/>: two point
    /// reads per day at most, and none for a closed day (before today in the park) read here lately.
    /// </summary>
    public async Task<IReadOnlyList<StoredDay>> ReadAsync(DateOnly from, DateOnly to, bool withFigures, CancellationToken cancellationToken)
    {
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        var read = new StoredDay[days.Count];
        var (today, now) = (park.Today, park.Now);
        long evictionsSeen;
        lock (cacheGate)
        {
            evictionsSeen = evictions;
        }

        await Parallel.ForEachAsync(
            Enumerable.Range(0, days.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                if (Cached(days[i], today, now) is { } cached)
                {
                    read[i] = cached;
                    return;
                }

                var partition = ReportRows.Partition(days[i]);
                var figures = withFigures ? Table.FindAsync(partition, ReportRows.FiguresRow, token) : Task.FromResult<TableEntity?>(null);
                var operators = Table.FindAsync(partition, ReportRows.OperatorsRow, token);
                read[i] = new StoredDay(days[i], ReportRows.Figures(await figures), ReportRows.Operators(await operators));
                if (withFigures && days[i] < today)
                {
                    Keep(read[i], now, evictionsSeen);
                }
            });
        return read;
    }

    private StoredDay? Cached(DateOnly day, DateOnly today, DateTimeOffset now)
    {
        lock (cacheGate)
        {
            return day < today && closedDays.TryGetValue(day, out var kept) && now - kept.ReadAt < ClosedDayKeptFor ? kept.Day : null;
        }
    }

    private void Keep(StoredDay day, DateTimeOffset readAt, long evictionsSeen)
    {
        lock (cacheGate)
        {
            if (evictions != evictionsSeen)
            {
                return;
            }

            closedDays[day.Day] = (day, readAt);
            if (closedDays.Count > MaxCachedDays)
            {
                closedDays.Remove(closedDays.Keys.Min());
            }
        }
    }

    private void Evict(DateOnly day)
    {
        lock (cacheGate)
        {
            evictions++;
            closedDays.Remove(day);
        }
    }

    /// <summary>Forgets a day's aggregates and markers (before a rebuild counts it again).</summary>
    public async Task ClearAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var partition = ReportRows.Partition(day);
        var rows = await Table.QueryAsync(TableRows.Partition(partition), null, cancellationToken, select: ["RowKey"]);
        await Table.DeleteAsync(partition, rows.Select(r => r.RowKey).ToList(), cancellationToken);
        Evict(day);
    }
}
