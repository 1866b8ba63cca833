using System.Globalization;
using Azure.Data.Tables;

namespace Lucine.Functions.Storage;

/// <summary>An entry of a due index: <paramref name="Subject"/> (a session, a ticket, a message) may have something due at this time.</summary>
public sealed record IndexedDeadline(string Key, string Subject, DateTimeOffset DueAt);

/// <summary>
/// Durable timers: one row per (due time, subject) in a single partition, keyed by zero-padded ticks
/// so that "what is due" is one range read that returns only due rows, however many subjects wait for
/// later. The index can be stale or hold duplicates; the subject's own state always decides.
/// </summary>
public class DueIndex(TableClient table, string partition)
{
    public async Task AddAsync(string subject, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(
            new TableEntity(partition, Ticks(dueAt) + "-" + subject) { ["Subject"] = subject, ["DueAt"] = dueAt }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The earliest entries due at <paramref name="now"/> or before, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<IndexedDeadline>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        (await table.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {Ticks(now.AddTicks(1))}"), max, cancellationToken))
        .Select(row => new IndexedDeadline(row.RowKey, row.GetString("Subject"), row.GetDateTimeOffset("DueAt") ?? default))
        .ToList();

    /// <summary>Forgets an entry; one another sweep removed first is gone all the same.</summary>
    public async Task RemoveAsync(IndexedDeadline entry, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(partition, entry.Key, Azure.ETag.All, cancellationToken);

    /// <summary>
    /// One sweep: hands each due entry (at most <paramref name="max"/>) to <paramref name="handle"/>, then
    /// removes it. An entry whose handling throws stays for the next sweep, after <paramref name="failed"/>
    /// is told; a storage outage ends the sweep there. The subject's state decides what is really due, so an
    /// entry handled twice does no harm.
    /// </summary>
    public async Task<SweepResult> SweepAsync(
        DateTimeOffset now, int max, Func<IndexedDeadline, CancellationToken, Task<SweepStep>> handle, Action<IndexedDeadline, Exception> failed, CancellationToken cancellationToken)
    {
        var due = await DueAsync(now, max, cancellationToken);
        int fired = 0, rescheduled = 0;
        foreach (var entry in due)
        {
            try
            {
                switch (await handle(entry, cancellationToken))
                {
                    case SweepStep.Fired:
                        fired++;
                        break;
                    case SweepStep.Rescheduled:
                        rescheduled++;
                        break;
                }

                await RemoveAsync(entry, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failed(entry, e);

                // The entries left would meet the same storage: they wait for the next sweep.
                if (StorageFailures.IsOutage(e))
                {
                    break;
                }
            }
        }

        return new SweepResult(due.Count, fired, rescheduled);
    }

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}

/// <summary>What one sweep did, for logs and the benchmark.</summary>
public sealed record SweepResult(int Due, int Fired, int Rescheduled)
{
    public override string ToString() => $"due {Due}, fired {Fired}, rescheduled {Rescheduled}";
}

/// <summary>What handling one due entry came to.</summary>
public enum SweepStep
{
    /// <summary>Nothing was due after all (handled before, or no such subject any more).</summary>
    Nothing,
    Fired,

    /// <summary>The subject's time moved later: indexed again for then.</summary>
    Rescheduled,
}
