using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Lucine.Functions.Storage;

/// <summary>
/// Counts every HTTP request the Table Storage client sends, retries included, tagged with the work it
/// was done for (<see cref="StorageScope"/>): storage round trips are what a chat message costs, so
/// they are measured.
/// </summary>
public sealed class StorageRequestMeter : HttpPipelineSynchronousPolicy
{
    public const string MeterName = "Lucine.Storage";
    public const string InstrumentName = "lucine.storage.requests";

    private readonly Counter<long> requests;

    public StorageRequestMeter(IMeterFactory meters)
    {
        requests = meters.Create(MeterName).CreateCounter<long>(InstrumentName, description: "Table Storage HTTP requests");
    }

    public override void OnSendingRequest(HttpMessage message) =>
        requests.Add(1, new KeyValuePair<string, object?>("scope", StorageScope.Current));
}

/// <summary>The work storage requests are counted under, flowing with the async call.</summary>
public static class StorageScope
{
    public const string VisitorRequest = "visitor-request";
    public const string Outbox = "outbox";
    public const string Health = "health";

    /// <summary>The open storage circuit asking whether storage is back (<see cref="StorageCircuit"/>).</summary>
    public const string Probe = "circuit-probe";
    public const string Startup = "startup";
    public const string OperatorRequest = "operator-request";
    public const string Sweep = "sweep";
    public const string Routing = "routing";

    /// <summary>Looking whether another instance saved a new knowledge base version: shared by the requests of a moment, so counted apart.</summary>
    public const string Knowledge = "knowledge";

    /// <summary>Sending notifications, apart from the deadline sweep so that the sweep's benchmark counts only its own.</summary>
    public const string Notifications = "notifications";
    /// <summary>Removing and anonymising personal data past its retention, and resuming erasures.</summary>
    public const string Retention = "retention";
    private const string Unscoped = "other";

    private static readonly AsyncLocal<string?> CurrentScope = new();

    public static string Current => CurrentScope.Value ?? Unscoped;

    public static IDisposable Enter(string scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}
