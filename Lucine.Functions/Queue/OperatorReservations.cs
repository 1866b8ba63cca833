using Lucine.Domain.Queue;
using Lucine.Domain.Sessions;
using Lucine.Functions.Operators;

namespace Lucine.Functions.Queue;

/// <summary>A slot of an operator's capacity held for one session until the session's commit decides.</summary>
public sealed record OperatorHold(string Username, SessionId Session);

/// <summary>
/// Prepares what the workflow needs to route a chat: who is online, how many wait, and a slot
/// reserved on the best operator for it. Reserving before the session commits is what keeps every
/// operator within capacity when many chats are routed at once, on one instance or several.
/// </summary>
public sealed class OperatorReservations(OperatorStore operators, QueueIndex queue, TimeProvider clock)
{
    public async Task<(Routing Routing, OperatorHold? Hold)> PrepareAsync(SessionId session, string? except, CancellationToken cancellationToken)
    {
        var accounts = await operators.ListAsync(cancellationToken);
        var loads = accounts.Select(a => a.Load).ToList();
        var tried = new HashSet<string>(StringComparer.Ordinal);
        while (OperatorRouting.Choose(loads.Where(l => !tried.Contains(l.Username)), except) is { } candidate)
        {
            tried.Add(candidate.Username);
            var (result, account) = await operators.ReserveAsync(candidate.Username, session, clock.GetUtcNow(), requireOnline: true, cancellationToken);
            if (result is Reservation.Reserved or Reservation.AlreadyHeld && account is not null)
            {
                return (new Routing(OperatorRouting.Staffing(loads), 0, account.Ref), new OperatorHold(account.Username, session));
            }
        }

        // Nobody could take it: the staffing as it is now (busy, or nobody online) and the queue ahead.
        var staffing = OperatorRouting.Staffing(loads.Select(l => tried.Contains(l.Username) ? l with { Chats = l.Capacity } : l).ToList());
        var waiting = staffing.OnlineOperators == 0 ? 0 : (await queue.ListAsync(cancellationToken)).Count(q => q.Entry.SessionId != session);
        return (new Routing(staffing, waiting, null), null);
    }

    /// <summary>Reserves a slot on a named operator (a manual take, a transfer).</summary>
    public async Task<(Reservation Result, OperatorAccount? Account)> ReserveAsync(string username, SessionId session, bool requireOnline, CancellationToken cancellationToken) =>
        await operators.ReserveAsync(username, session, clock.GetUtcNow(), requireOnline, cancellationToken);

    public Task ReleaseAsync(OperatorHold hold, CancellationToken cancellationToken) =>
        operators.ReleaseAsync(hold.Username, hold.Session, cancellationToken);
}
