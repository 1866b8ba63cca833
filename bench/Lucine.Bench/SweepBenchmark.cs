using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Storage;
using Lucine.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lucine.Bench;

/// <summary>
/// One deadline sweep among many sessions that wait: it should read what is due, not everything.
/// Every session says "ciao" to the assistant, which gives it an idle deadline 30 minutes later;
/// the first --due sessions speak 5 minutes before the others, and the sweep runs when only theirs are due.
/// </summary>
internal static class SweepBenchmark
{
    private static readonly DateTimeOffset Start = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var sessions = options.Get("--sessions", 1000);
        var due = options.Get("--due", 10);
        if (due < 0 || sessions < due)
        {
            Console.Error.WriteLine("--due must be at least 0 and --sessions at least --due.");
            return 2;
        }

        var clock = new ManualClock(Start);
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, clock: clock, services: services =>
            services.AddSingleton<ISessionStore>(sp => new CountingSessionStore(sp.GetRequiredService<TableSessionStore>(), StorageScope.Sweep)));
        var store = (CountingSessionStore)host.Services.GetRequiredService<ISessionStore>();
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        using var reads = new ReadRequestCounter(StorageScope.Sweep);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = host.BaseAddress };

        Console.WriteLine($"Lucine sweep benchmark: {sessions} live sessions, {due} of them due, one sweep, Azurite + Kestrel on loopback, {Environment.ProcessorCount} cores.");
        var created = 0;
        async Task CreateAsync(int count)
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            {
                (await http.PostAsJsonAsync("/api/chat", new { message = "ciao" })).EnsureSuccessStatusCode();
                if (Interlocked.Increment(ref created) is var done && done % 200 == 0 && done < sessions)
                {
                    Console.WriteLine($"  {done} sessions created");
                }
            });
        }

        var creating = Stopwatch.StartNew();
        await CreateAsync(due);
        clock.Advance(TimeSpan.FromMinutes(5));
        await CreateAsync(sessions - due);
        Console.WriteLine($"  {sessions} sessions created in {creating.Elapsed.TotalSeconds:F1} s");

        // Steady state: the outbox has delivered each session's analytics effect, so no outbox row is left to read.
        await meters.WhenTotalAsync(OutboxDispatcher.DeliveredInstrument, sessions);

        // Past the first sessions' idle deadline (start + 30 min), before the others' (start + 35 min).
        clock.Set(Start + TimeSpan.FromMinutes(31));
        var roundTripsBefore = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Sweep);
        var (rowsBefore, sessionReadsBefore, readsBefore) = (store.RowsRead, store.Reads, reads.Count);
        var sweeping = Stopwatch.StartNew();
        var result = await host.Services.GetRequiredService<DeadlineSweep>().RunOnceAsync(CancellationToken.None);
        sweeping.Stop();

        var roundTrips = meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Sweep) - roundTripsBefore;
        var sessionRows = store.RowsRead - rowsBefore;
        var sessionReads = store.Reads - sessionReadsBefore;
        var readRequests = reads.Count - readsBefore;

        // Entities read = the index rows the due query returned + the rows the session reads returned.
        // The cross-check: every read request of the sweep (a GET to Table Storage) is one of those
        // queries, so no read escaped the count.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              sweep duration          {sweeping.Elapsed.TotalMilliseconds:F1} ms (the process's first sweep: includes JIT)
              due entries read        {result.Due}
              sessions fired          {result.Fired} (rescheduled {result.Rescheduled})
              storage round trips     {roundTrips} during the sweep ({readRequests} reads, {roundTrips - readRequests} writes and deletes)
              entities read           {result.Due + sessionRows} = {result.Due} deadline index rows + {sessionRows} session rows from {sessionReads} session reads
              read requests           {readRequests} = 1 due-index query + {sessionReads} session reads{(readRequests == 1 + sessionReads ? "" : "  (MISMATCH: some reads are not counted as entities)")}
            """));
        return 0;
    }
}

/// <summary>
/// Lucine's session store, counting the reads done under one <see cref="StorageScope"/> and the rows
/// they return: state, idempotency record, outbox rows, messages, notes.
/// </summary>
internal sealed class CountingSessionStore(ISessionStore inner, string scope) : DelegatingSessionStore(inner)
{
    private long rows;
    private long reads;

    public long RowsRead => Interlocked.Read(ref rows);

    public long Reads => Interlocked.Read(ref reads);

    public override async Task<Loaded<SessionState>?> LoadAsync(SessionId id, string? clientMessageId, DateTimeOffset leftBefore, CancellationToken cancellationToken)
    {
        var loaded = await base.LoadAsync(id, clientMessageId, leftBefore, cancellationToken);
        Count(loaded is null ? 0 : 1 + (loaded.Prior is null ? 0 : 1) + loaded.Pending.Count);
        return loaded;
    }

    public override async Task<SessionState?> ReadStateAsync(SessionId id, CancellationToken cancellationToken)
    {
        var state = await base.ReadStateAsync(id, cancellationToken);
        Count(state is null ? 0 : 1);
        return state;
    }

    public override async Task<MessagePage?> ReadMessagesAsync(SessionId id, long after, int limit, CancellationToken cancellationToken)
    {
        var page = await base.ReadMessagesAsync(id, after, limit, cancellationToken);
        Count(page is null ? 0 : 1 + page.Messages.Count + (page.HasMore ? 1 : 0));
        return page;
    }

    public override async Task<IReadOnlyList<SessionNote>> ReadNotesAsync(SessionId id, CancellationToken cancellationToken)
    {
        var notes = await base.ReadNotesAsync(id, cancellationToken);
        Count(notes.Count);
        return notes;
    }




    private void Count(int returned)
    {
        if (StorageScope.Current != scope)
        {
            return;
        }

        Interlocked.Increment(ref reads);
        Interlocked.Add(ref rows, returned);
    }
}

/// <summary>Counts the GET requests (reads) sent to Table Storage under one <see cref="StorageScope"/>, from .NET's HTTP client activities.</summary>
internal sealed class ReadRequestCounter : IDisposable
{
    private readonly ActivityListener listener;
    private int count;

    public ReadRequestCounter(string scope)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                // The activity stops in the request's own async flow, where the storage scope is set.
                if (StorageScope.Current == scope && activity.GetTagItem("http.request.method") as string == "GET")
                {
                    Interlocked.Increment(ref count);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public int Count => Volatile.Read(ref count);

    public void Dispose() => listener.Dispose();
}
