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
    }

    /// <summary>One partition per session: state, messages, idempotency records, outbox.</summary>
    public CloudTable Sessions { get; }

    /// <summary>One partition per UTC day: the events the reports are built from.</summary>
    public CloudTable Analytics { get; }

    public IEnumerable<CloudTable> All => [Sessions, Analytics];
}
