using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;

namespace Lucine.Functions.Realtime;

/// <summary>
/// Who a push is for. A visitor is their session, an operator their username: the same user ids in
/// both modes (the hub's groups standalone, the service's users on Azure). Every operator is also in
/// the one <see cref="Operators"/> group.
/// </summary>
public static class RealtimeUsers
{
    public const string Operators = "operators";

    public static string Visitor(SessionId session) => "visitor:" + session.Value;


    private const string OperatorPrefix = "operator:";

    public static string Operator(string username) => OperatorPrefix + username;

    public static bool IsOperator(string user, [NotNullWhen(true)] out string? username)
    {
        username = user.StartsWith(OperatorPrefix, StringComparison.Ordinal) && user.Length > OperatorPrefix.Length ? user[OperatorPrefix.Length..] : null;
        return username is not null;
    }
}

/// <summary>Delivers pushes to connected widgets and dashboards; failures throw, so the outbox retries.</summary>
public interface IRealtimeChannel
{
    Task SendToUsersAsync(IReadOnlyCollection<string> users, string target, object payload, CancellationToken cancellationToken);

    Task SendToOperatorsAsync(string target, object payload, CancellationToken cancellationToken);

    /// <summary>Closes an operator's realtime connections and stops group pushes to them (deactivated, or logged out by an admin).</summary>
    Task DisconnectAsync(string user, IReadOnlyCollection<string> connectionIds, CancellationToken cancellationToken);
}

/// <summary>
/// Standalone: the app's own hub, where each connection is in the group named by its user id (groups,
/// not SignalR's users: sending to a user scans every connection, a group is one lookup).
/// </summary>
public sealed class HubChannel(IHubContext<LucineHub> hub, HubConnections connections) : IRealtimeChannel
{
    /// <summary>Only this instance's connections can be closed here; another instance's close when their next call finds the token revoked.</summary>
    public Task DisconnectAsync(string user, IReadOnlyCollection<string> connectionIds, CancellationToken cancellationToken)
    {
        foreach (var id in connectionIds)
        {
            connections.Abort(id);
        }

        return Task.CompletedTask;
    }

    public Task SendToUsersAsync(IReadOnlyCollection<string> users, string target, object payload, CancellationToken cancellationToken) =>
        hub.Clients.Groups(users).SendAsync(target, payload, cancellationToken);

    public Task SendToOperatorsAsync(string target, object payload, CancellationToken cancellationToken) =>
        hub.Clients.Group(RealtimeUsers.Operators).SendAsync(target, payload, cancellationToken);
}

/// <summary>This instance's open hub connections of operators, so that an admin's decision can close them.</summary>
public sealed class HubConnections
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HubCallerContext> open = new();

    public void Opened(HubCallerContext context) => open[context.ConnectionId] = context;

    public void Closed(string connectionId) => open.TryRemove(connectionId, out _);

    public void Abort(string connectionId)
    {
        if (open.TryRemove(connectionId, out var context))
        {
            context.Abort();
        }
    }
}
