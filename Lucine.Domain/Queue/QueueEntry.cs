namespace Lucine.Domain.Queue;

/// <summary>A session waiting for an operator: who goes first is decided by priority, then by waiting time.</summary>
public sealed record QueueEntry(SessionId SessionId, QueuePriority Priority, DateTimeOffset QueuedAt)
{
    /// <summary>Higher priority first; within a priority, the longest wait first; the id breaks exact ties.</summary>
    public static readonly IComparer<QueueEntry> ServiceOrder = Comparer<QueueEntry>.Create((a, b) =>
    {
        var byPriority = b.Priority.CompareTo(a.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byWait = a.QueuedAt.CompareTo(b.QueuedAt);
        return byWait != 0 ? byWait : string.CompareOrdinal(a.SessionId.Value, b.SessionId.Value);
    });
}

public enum QueuePriority
{
    Normal,

    /// <summary>Waited too long, or was handed back by an operator.</summary>
    High,
}
