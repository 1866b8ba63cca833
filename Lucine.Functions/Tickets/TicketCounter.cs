using System.Globalization;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tickets;

/// <summary>
/// Hands out ticket numbers: one counter row per year in the tickets table (<see cref="StoredCounter"/>),
/// so numbers are unique across instances and consecutive per year.
/// </summary>
public sealed class TicketCounter(LucineTables tables, ParkClock clock)
{
    private const string Partition = "counter";

    /// <summary>Bounds only contention far beyond ticket creation's (the tests race 40 callers).</summary>
    private const int MaxAttempts = 100;

    /// <summary>A new ticket number, unique across instances: the next of this year's sequence in the park's calendar.</summary>
    public Task<TicketNumber> NextAsync(CancellationToken cancellationToken) => NextAsync(clock.Today.Year, cancellationToken);

    public async Task<TicketNumber> NextAsync(int year, CancellationToken cancellationToken)
    {
        // Validates the year before anything is written.
        _ = new TicketNumber(year, 1);
        var sequence = await StoredCounter.IncrementAsync(tables.Tickets, Partition, year.ToString("D4", CultureInfo.InvariantCulture), MaxAttempts, cancellationToken);
        return new TicketNumber(year, sequence);
    }
}
