using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Tests.Infrastructure;

namespace Lucine.Bench.Chat;

/// <summary>
/// The storage work of one chat message with no app around it, through Azure.Data.Tables: one query
/// of the session's partition (its state, the client message id's record, its outbox), then one
/// ETag-guarded transaction writing the state, the visitor's message, the answer and the idempotency
/// record. What Lucine does per message beyond this is its own cost; this is the limit storage sets.
/// </summary>
internal sealed class RawChatPattern(AzuriteServer azurite)
{
    private const string Answer =
        "Il biglietto intero costa 9 €, il ridotto 7 € (bambini 4-12 anni, over 65, disabili); sotto i 4 anni si entra gratis. " +
        "Puoi comprarlo online o alla cassa.";

    /// <param name="warmUp">Messages sent before the measured ones, on the same table, as the Lucine runs warm up.</param>
    /// <returns>The measured messages, the bytes allocated for them, and the CPU time storage spent on them.</returns>
    public async Task<(LoadResult Result, long Bytes, TimeSpan StorageCpu)> RunAsync(int sessions, int requests, int warmUp)
    {
        var table = new TableClient(azurite.ConnectionString, "raw" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();
        var states = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async i => await OpenAsync(table, "s" + i.ToString("D21", CultureInfo.InvariantCulture))));
        await RunAsync(table, states, warmUp);
        var (bytes, cpu) = (GC.GetTotalAllocatedBytes(precise: true), azurite.ProcessorTime);
        var result = await RunAsync(table, states, requests);
        (bytes, cpu) = (GC.GetTotalAllocatedBytes(precise: true) - bytes, azurite.ProcessorTime - cpu);
        await table.DeleteAsync();
        return (result, bytes, cpu);
    }

    private static async Task<LoadResult> RunAsync(TableClient table, Session[] states, int requests)
    {
        var latencies = new double[requests];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(states.Select(async session =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                await MessageAsync(table, session, $"r-{session.Sequence}");
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        Array.Sort(latencies);
        return new LoadResult(requests, clock.Elapsed.TotalSeconds, latencies);
    }

    private static async Task<Session> OpenAsync(TableClient table, string id)
    {
        var session = new Session(id);
        await table.SubmitTransactionAsync(Rows(session, "first", ETag.All, insert: true));
        return session;
    }

    private static async Task MessageAsync(TableClient table, Session session, string clientMessageId)
    {
        var outbox = "out-";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {session.Id} and (RowKey eq {"_state"} or RowKey eq {"cmid-" + clientMessageId} or (RowKey ge {outbox} and RowKey lt {"out."}))");
        ETag etag = default;
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            if (row.RowKey == "_state")
            {
                etag = row.ETag;
            }
        }

        await table.SubmitTransactionAsync(Rows(session, clientMessageId, etag, insert: false));
    }

    /// <summary>The rows one message writes, shaped like a chat's: a state of two dozen properties, two messages, the record of the client message id.</summary>
    private static List<TableTransactionAction> Rows(Session session, string clientMessageId, ETag etag, bool insert)
    {
        var now = DateTimeOffset.UtcNow;
        var visitor = session.Sequence + 1;
        session.Sequence += 2;
        var state = new TableEntity(session.Id, "_state")
        {
            ["Status"] = "bot", ["LastSequence"] = session.Sequence, ["Language"] = "it", ["StartedAt"] = now, ["LastActivityAt"] = now,
            ["RateWindowStartedAt"] = now, ["MessagesInWindow"] = 2, ["DeadlineKind"] = "assistant_idle", ["DeadlineAt"] = now.AddMinutes(30),
            ["DeadlineStage"] = 0, ["StatusSince"] = now, ["OperatorSince"] = now, ["OperatorHasAnswered"] = false, ["LastVisitorAt"] = now,
            ["IndexedDeadline"] = now.AddMinutes(30),
        };
        return
        [
            new(insert ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, state, etag),
            new(TableTransactionActionType.Add, Message(session.Id, visitor, "visitor", "Quanto costano i biglietti?", clientMessageId, now)),
            new(TableTransactionActionType.Add, Message(session.Id, visitor + 1, "bot", Answer, null, now)),
            new(TableTransactionActionType.Add, new TableEntity(session.Id, "cmid-" + clientMessageId) { ["FirstSequence"] = visitor, ["LastSequence"] = visitor + 1L }),
        ];
    }

    private static TableEntity Message(string session, long sequence, string sender, string text, string? clientMessageId, DateTimeOffset at)
    {
        var row = new TableEntity(session, "msg-" + sequence.ToString("D12", CultureInfo.InvariantCulture))
        {
            ["Sequence"] = sequence, ["Sender"] = sender, ["Text"] = text, ["At"] = at,
        };
        if (clientMessageId is not null)
        {
            row["ClientMessageId"] = clientMessageId;
        }

        return row;
    }

    private sealed class Session(string id)
    {
        public string Id { get; } = id;

        public long Sequence { get; set; }
    }
}
