using Lucine.Functions.Operators;

namespace Lucine.Functions.Queue;

/// <summary>
/// Finds out what the workflow needs to give a chat to someone: who is online, how many wait, and a
/// slot reserved on the best operator for it (or on a named one). Reserving before the session commits
/// is what keeps every operator within capacity when many chats are routed at once, on one instance or
/// several; a slot the committed session does not keep is given back.
/// </summary>
public sealed class OperatorReservations(OperatorStore operators, QueueIndex queue, TimeProvider clock)
{
    /// <summary>The routing of a chat: a slot on the best online operator other than <paramref name="except"/>, or why there is none.</summary>
    public async Task<Routing> RouteAsync(SessionId session, string? except, CancellationToken cancellationToken)
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
                return new Routing(OperatorRouting.Staffing(loads), 0, account.Ref);
            }
        }

        // Nobody could take it: the staffing as it is now (busy, or nobody online) and the queue ahead.
        var staffing = OperatorRouting.Staffing(loads.Select(l => tried.Contains(l.Username) ? l with { Chats = l.Capacity } : l).ToList());
        var waiting = staffing.OnlineOperators == 0 ? 0 : (await queue.ListAsync(cancellationToken)).Count(q => q.Entry.SessionId != session);
        return new Routing(staffing, waiting, null);
    }

    /// <summary>A slot on a named operator (a manual take, a transfer, routing's own choice).</summary>
    public async Task<OperatorSlot> ReserveAsync(string username, SessionId session, bool requireOnline, CancellationToken cancellationToken)
    {
        var (result, account) = await operators.ReserveAsync(username, session, clock.GetUtcNow(), requireOnline, cancellationToken);
        return new OperatorSlot(result, result == Reservation.Reserved ? account?.Ref : null);
    }

    public Task ReleaseAsync(string username, SessionId session, CancellationToken cancellationToken) =>
        operators.ReleaseAsync(username, session, cancellationToken);
}
