using System.Diagnostics.Metrics;
using Lucine.Functions.Queue;

namespace Lucine.Functions.Operators;

/// <summary>
/// Which realtime connections each operator has, as the hub (standalone) or Azure SignalR Service's
/// upstream events (on Azure) report them, so that "online" can mean "connected". The time the last
/// connection went away is kept for a grace period before an operator counts as gone.
/// </summary>
public sealed partial class OperatorPresence
{
    public const string MeterName = "Lucine.Operators";
    public const string ConnectedInstrument = "lucine.operators.connected";
    public const string DisconnectedInstrument = "lucine.operators.disconnected";

    private readonly OperatorStore operators;
    private readonly QueueRouter router;
    private readonly TimeProvider clock;
    private readonly ILogger<OperatorPresence> logger;
    private readonly Counter<long> connected;
    private readonly Counter<long> disconnected;

    public OperatorPresence(OperatorStore operators, QueueRouter router, TimeProvider clock, IMeterFactory meters, ILogger<OperatorPresence> logger)
    {
        this.operators = operators;
        this.router = router;
        this.clock = clock;
        this.logger = logger;
        var meter = meters.Create(MeterName);
        connected = meter.CreateCounter<long>(ConnectedInstrument, description: "Operators' realtime connections recorded as opened");
        disconnected = meter.CreateCounter<long>(DisconnectedInstrument, description: "Operators' realtime connections recorded as closed");
    }

    /// <summary>
    /// Records the connection. An operator whom presence had made away is back online, and the queue is
    /// routed at once, so that whoever waits reaches them.
    /// </summary>
    public async Task ConnectedAsync(string username, string connectionId, CancellationToken cancellationToken)
    {
        var (before, after) = await operators.ChangeAsync(username, account => account.Connections.Contains(connectionId)
            ? null
            : account with
            {
                Connections = [.. account.Connections, connectionId],
                DisconnectedAt = null,
                Availability = account.PresenceLapsed ? OperatorAvailability.Online : account.Availability,
                PresenceLapsed = false,
            }, cancellationToken);
        connected.Add(1);
        if (before is { PresenceLapsed: true } && after is { PresenceLapsed: false })
        {
            await router.RouteAsync(cancellationToken);
        }
    }

    /// <summary>Reported once per connection; a failure is logged, not thrown: the connection is gone either way.</summary>
    public async Task DisconnectedAsync(string username, string connectionId, CancellationToken cancellationToken)
    {
        try
        {
            await operators.UpdateAsync(username, account =>
            {
                if (!account.Connections.Contains(connectionId))
                {
                    return null;
                }

                var left = account.Connections.Where(c => c != connectionId).ToList();
                return account with { Connections = left, DisconnectedAt = left.Count == 0 ? clock.GetUtcNow() : account.DisconnectedAt };
            }, cancellationToken);
            disconnected.Add(1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDisconnectLost(logger, username, connectionId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of {Username}'s realtime connection {ConnectionId} could not be recorded: {Reason}")]
    private static partial void LogDisconnectLost(ILogger logger, string username, string connectionId, string reason);
}
