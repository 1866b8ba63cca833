using Microsoft.Azure.Cosmos.Table;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Storage;

/// <summary>The tables Lucine keeps, on one client whose requests are counted.</summary>
public sealed class LucineTables
{
    /// <summary>Table Storage's limit of operations in one entity-group transaction.</summary>
    public const int MaxBatchOperations = 100;

    public LucineTables(IOptions<StorageOptions> options, StorageRequestMeter meter)
    {
        var settings = options.Value;
        var account = CloudStorageAccount.Parse(settings.ConnectionString);
        var client = account.CreateCloudTableClient(new TableClientConfiguration
        {
            RestExecutorConfiguration = new RestExecutorConfiguration { DelegatingHandler = meter },
        });
        client.DefaultRequestOptions = new TableRequestOptions
        {
            RetryPolicy = new Microsoft.Azure.Cosmos.Table.ExponentialRetry(TimeSpan.FromMilliseconds(200), 3),
            MaximumExecutionTime = settings.RequestTimeout,
        };

        Sessions = client.GetTableReference(settings.TablePrefix + "Sessions");
        Analytics = client.GetTableReference(settings.TablePrefix + "Analytics");
        Deadlines = client.GetTableReference(settings.TablePrefix + "Deadlines");
        Queue = client.GetTableReference(settings.TablePrefix + "Queue");
        Operators = client.GetTableReference(settings.TablePrefix + "Operators");
        Throttle = client.GetTableReference(settings.TablePrefix + "Throttle");
        Tickets = client.GetTableReference(settings.TablePrefix + "Tickets");
        TicketIndex = client.GetTableReference(settings.TablePrefix + "TicketIndex");
        Notifications = client.GetTableReference(settings.TablePrefix + "Notifications");
        Sink = client.GetTableReference(settings.TablePrefix + "Sink");
        Knowledge = client.GetTableReference(settings.TablePrefix + "Knowledge");
    }

    /// <summary>One partition per session: state, messages, idempotency records, outbox.</summary>
    public CloudTable Sessions { get; }

    /// <summary>One partition per UTC day: the events the reports are built from.</summary>
    public CloudTable Analytics { get; }

    /// <summary>When each session must next act on its own, ordered by due time (the durable timers).</summary>
    public CloudTable Deadlines { get; }

    /// <summary>The sessions waiting for an operator (an index; each session's state decides).</summary>
    public CloudTable Queue { get; }

    /// <summary>Operator accounts, availability and the chats each one holds.</summary>
    public CloudTable Operators { get; }

    /// <summary>Counters of rate-limited actions (logins), per key and window, shared by all instances.</summary>
    public CloudTable Throttle { get; }

    /// <summary>One partition per ticket (its state, entries and outbox), plus the numbering counters.</summary>
    public CloudTable Tickets { get; }

    /// <summary>Derived lookups of tickets: the operators' list, and open tickets by customer contact.</summary>
    public CloudTable TicketIndex { get; }

    /// <summary>Messages to customers and staff outside the chat, with every delivery attempt.</summary>
    public CloudTable Notifications { get; }

    /// <summary>Messages the local sink "sent" because no provider credentials are configured.</summary>
    public CloudTable Sink { get; }

    /// <summary>Every knowledge base version admins saved, and the pointer to the current one.</summary>
    public CloudTable Knowledge { get; }

    public IEnumerable<CloudTable> All => [Sessions, Analytics, Deadlines, Queue, Operators, Throttle, Tickets, TicketIndex, Notifications, Sink, Knowledge];
}
