using Lucine.Functions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lucine.Functions.Storage;

/// <summary>
/// Storage is healthy when a point read on the sessions table gets an answer (found or not) in time. The
/// read goes through the storage circuit like any other call, so while the circuit is open the answer is
/// at once; the circuit's state is reported either way.
/// </summary>
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
            return HealthCheckResult.Healthy("Table Storage answers.", Circuit());
        }
        catch (StorageCircuitOpenException e)
        {
            return HealthCheckResult.Unhealthy("Table Storage keeps failing: its circuit is open and storage calls fail at once until a probe gets an answer.", e, Circuit());
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Table Storage does not answer.", e, Circuit());
        }
    }

    private Dictionary<string, object> Circuit() => new() { ["circuit"] = Wire.Name(tables.Circuit.State) };
}
