using Lucine.Functions.Decisions;
using Lucine.Functions.Operators;
using Lucine.Functions.Realtime;

namespace Lucine.Functions.Queue;

/// <summary>
/// Keeps the queue index in step with the sessions, then tells every waiting visitor their new place
/// (one look at the queue for the whole dispatch) and wakes the router.
/// </summary>
public sealed class QueueMoves(QueueIndex queue, OperatorStore operators, RealtimePublisher realtime, RoutingSignal routing) : IEffectHandler<QueueMoved>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<QueueMoved>> effects, CancellationToken cancellationToken)
    {
        foreach (var move in effects)
        {
            await queue.ApplyAsync(SessionId.Parse(move.Subject), move.Effect, cancellationToken);
        }

        var waiting = await queue.ListAsync(cancellationToken);
        var staffing = OperatorRouting.Staffing((await operators.ListAsync(cancellationToken)).Select(o => o.Load).ToList());
        await realtime.QueueMovedAsync(effects.Select(e => SessionId.Parse(e.Subject)).Distinct().ToList(), waiting, staffing, cancellationToken);
        routing.Raise();
    }
}

/// <summary>Gives an operator's capacity back when a chat leaves them, and wakes the router to use it.</summary>
public sealed class CapacityReleases(OperatorStore operators, RoutingSignal routing) : IEffectHandler<ReleaseOperator>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<ReleaseOperator>> effects, CancellationToken cancellationToken)
    {
        foreach (var release in effects)
        {
            await operators.ReleaseAsync(release.Effect.Username, SessionId.Parse(release.Subject), cancellationToken);
        }

        routing.Raise();
    }
}
