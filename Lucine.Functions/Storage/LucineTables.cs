using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Storage;

/// <summary>The tables Lucine keeps, on one client whose requests are counted and go through one circuit.</summary>
public sealed class LucineTables
{
    /// <summary>Table Storage's limit of operations in one entity-group transaction.</summary>
    public const int MaxBatchOperations = 100;

    /// <summary>The client's retries of a request that got no answer or a server error.</summary>
    private const int Retries = 2;

    public LucineTables(
        IOptions<StorageOptions> options,
        IOptions<StorageCircuitOptions> circuit,
        StorageRequestMeter meter,
        Func<TokenCredential> credential,
        TimeProvider clock,
        IMeterFactory meters,
        ILogger<StorageCircuit> logger)
    {
        var settings = options.Value;
        this.meter = meter;
        requestTimeout = settings.RequestTimeout;
        Circuit = new StorageCircuit(circuit.Value, clock, meters, logger, ProbeAsync);
        var client = Shape(new TableClientOptions());
        var service = string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? new TableServiceClient(settings.TableEndpoint, credential(), client)
            : new TableServiceClient(settings.ConnectionString, client);
        TableClient Table(string name) => service.GetTableClient(settings.TablePrefix + name);

        Sessions = Table("Sessions");
        Analytics = Table("Analytics");
        Deadlines = Table("Deadlines");
        Queue = Table("Queue");
        Operators = Table("Operators");
        Throttle = Table("Throttle");
        Tickets = Table("Tickets");
        TicketIndex = Table("TicketIndex");
        Notifications = Table("Notifications");
        Sink = Table("Sink");
        Knowledge = Table("Knowledge");
        Audit = Table("Audit");
        Replies = Table("Replies");
        ConversationIndex = Table("ConversationIndex");
        Privacy = Table("Privacy");
        Reports = Table("Reports");
        BlindSpots = Table("BlindSpots");
    }

    private readonly StorageRequestMeter meter;
    private readonly TimeSpan requestTimeout;

    /// <summary>Whether storage calls go to storage, or fail at once because storage keeps failing.</summary>
    public StorageCircuit Circuit { get; }

    /// <summary>
    /// The pipeline every storage client of the account shares (the tables', the attachments' blobs):
    /// bounded retries, this circuit and the request meter, so that an outage is one outage for all.
    /// </summary>
    public T Shape<T>(T client)
        where T : ClientOptions
    {
        client.Retry.MaxRetries = Retries;
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.Delay = TimeSpan.FromMilliseconds(200);

        // Each attempt gets its share of the request's time, so that a hung storage costs a request at
        // most about RequestTimeout, retries included.
        client.Retry.NetworkTimeout = requestTimeout / (Retries + 1);

        // Per attempt, so that the retries of a call already under way stop too once the circuit opens;
        // before the meter, which counts only the requests that leave.
        client.AddPolicy(Circuit, HttpPipelinePosition.PerRetry);
        client.AddPolicy(meter, HttpPipelinePosition.PerRetry);
        return client;
    }

    /// <summary>One partition per session: its state (with the last inputs it handled, for idempotency), messages and outbox.</summary>
    public TableClient Sessions { get; }

    /// <summary>One partition per UTC day: the events the reports are built from.</summary>
    public TableClient Analytics { get; }

    /// <summary>When each session, ticket or notification must next be looked at, ordered by due time (the durable timers).</summary>
    public TableClient Deadlines { get; }

    /// <summary>The sessions waiting for an operator (an index; each session's state decides).</summary>
    public TableClient Queue { get; }

    /// <summary>Operator accounts, availability and the chats each one holds.</summary>
    public TableClient Operators { get; }

    /// <summary>Counters of rate-limited actions (logins), per key and window, shared by all instances.</summary>
    public TableClient Throttle { get; }

    /// <summary>One partition per ticket (its state, entries and outbox), plus the numbering counters.</summary>
    public TableClient Tickets { get; }

    /// <summary>Derived lookups of tickets: the operators' list, and open tickets by customer contact.</summary>
    public TableClient TicketIndex { get; }

    /// <summary>Messages to customers and staff outside the chat, with every delivery attempt.</summary>
    public TableClient Notifications { get; }

    /// <summary>Messages the local sink "sent" because no provider credentials are configured.</summary>
    public TableClient Sink { get; }

    /// <summary>Every knowledge base version admins saved, and the pointer to the current one.</summary>
    public TableClient Knowledge { get; }

    /// <summary>One partition per UTC day: what staff changed, who and when, newest first.</summary>
    public TableClient Audit { get; }

    /// <summary>The canned replies operators insert by shortcut, and the shortcuts they hold (one partition).</summary>
    public TableClient Replies { get; }

    /// <summary>Ended conversations: by UTC end day (the history operators search), and by visitor (their earlier conversations).</summary>
    public TableClient ConversationIndex { get; }

    /// <summary>The open circuit's question to storage: a point read of a row that is never there, which any storage that works answers.</summary>
    private async Task ProbeAsync(CancellationToken cancellationToken) => await Sessions.FindAsync("health", "probe", cancellationToken);

    /// <summary>Erasure jobs (what was found, how far the erasure got) and the unfinished ones.</summary>
    public TableClient Privacy { get; }

    /// <summary>The reports' daily aggregates, one partition per park-local day, with a marker per event counted.</summary>
    public TableClient Reports { get; }

    /// <summary>The assistant's blind spots: one partition, a row per group of questions with the same keywords.</summary>
    public TableClient BlindSpots { get; }

    public IEnumerable<TableClient> All => [Sessions, Analytics, Deadlines, Queue, Operators, Throttle, Tickets, TicketIndex, Notifications, Sink, Knowledge, Audit, Replies, ConversationIndex, Privacy, Reports, BlindSpots];
}
