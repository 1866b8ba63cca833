using System.Diagnostics;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Lucine's own spans: a decision run, a background dispatch of effects, a periodic sweep. Work that no
/// HTTP request started (sweeps, the outbox) would otherwise leave its storage and provider calls without a parent.
/// </summary>
public static class LucineActivities
{
    public const string SourceName = "Lucine";

    public static readonly ActivitySource Source = new(SourceName, HealthEndpoints.Version);
}
