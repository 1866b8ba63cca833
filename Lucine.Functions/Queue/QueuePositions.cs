using Lucine.Functions.Operators;

namespace Lucine.Functions.Queue;

/// <summary>A visitor's place in the queue and the wait to expect.</summary>
public sealed record QueueInfo(int Position, int EstimatedWaitMinutes);

/// <summary>Where a queued session stands, as the visitor's polling and the operator's view of the chat both show it.</summary>
public sealed class QueuePositions(QueueIndex queue, OperatorStore operators, QueuePolicy policy)
{
    public async Task<QueueInfo?> OfAsync(SessionId session, CancellationToken cancellationToken)
    {
        var waiting = await queue.ListAsync(cancellationToken);
        var position = QueuePolicy.Positions(waiting.Select(w => w.Entry)).FirstOrDefault(p => p.Entry.SessionId == session).Position;
        if (position == 0)
        {
            return null;
        }

        var staffing = OperatorRouting.Staffing((await operators.ListAsync(cancellationToken)).Select(o => o.Load).ToList());
        return new QueueInfo(position, policy.EstimatedWaitMinutes(position, staffing));
    }
}
