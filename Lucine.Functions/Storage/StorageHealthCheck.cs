using Microsoft.Azure.Cosmos.Table;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lucine.Functions.Storage;

/// <summary>Storage is healthy when a point read on the sessions table gets an answer (found or not) in time.</summary>
public sealed class StorageHealthCheck(LucineTables tables) : IHealthCheck
{
    private static readonly TableRequestOptions Quick = new()
    {
        RetryPolicy = new NoRetry(),
        MaximumExecutionTime = TimeSpan.FromSeconds(3),
    };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var scope = StorageScope.Enter(StorageScope.Health);
        try
        {
            await tables.Sessions.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>("health", "probe"), Quick, null, cancellationToken);
            return HealthCheckResult.Healthy("Table Storage answers.");
        }
        catch (StorageException e)
        {
            return HealthCheckResult.Unhealthy("Table Storage does not answer.", e);
        }
    }
}
