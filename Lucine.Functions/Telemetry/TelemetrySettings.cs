namespace Lucine.Functions.Telemetry;

/// <summary>
/// Where telemetry goes besides <c>GET /api/metrics</c>: Azure Monitor when Application Insights' connection
/// string is set (the standard APPLICATIONINSIGHTS_CONNECTION_STRING, which the Azure Monitor distro reads
/// itself), the console when <c>Telemetry:Console</c> is true. Exporters are services, so this is read once,
/// while the app is built, not later like the features' options.
/// </summary>
public sealed record TelemetrySettings(bool AzureMonitor, bool Console)
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ConsoleKey = "Telemetry:Console";

    public static TelemetrySettings From(IConfiguration configuration) =>
        new(!string.IsNullOrWhiteSpace(configuration[ConnectionStringKey]), configuration.GetValue<bool>(ConsoleKey));
}
