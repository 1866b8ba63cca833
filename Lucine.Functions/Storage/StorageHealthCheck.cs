using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lucine.Functions.Storage;

/// <summary>Storage is healthy when a point read on the sessions table gets an answer (found or not) in time.</summary>
public sealed class StorageHealthCheck(LucineTables tables) : IHealthCheck
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var scope = StorageScope.Enter(StorageScope.Health);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Quick);
        try
        {
            await tables.Sessions.FindAsync("health", "probe", deadline.Token);
            return HealthCheckResult.Healthy("Table Storage answers.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Table Storage does not answer.", e);
        }
    }
}
