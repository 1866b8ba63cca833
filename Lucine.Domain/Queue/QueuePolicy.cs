namespace Lucine.Domain.Queue;

/// <summary>
/// How long a visitor in the queue should expect to wait. With nobody online the wait is the longest
/// promise; with someone free it is almost immediate; otherwise each operator clears a waiting
/// visitor every <see cref="MinutesPerVisitor"/> minutes, within a floor and a ceiling.
/// </summary>
public sealed record QueuePolicy
{
    public int NobodyOnlineMinutes { get; init; } = 30;

    public int OperatorFreeMinutes { get; init; } = 1;

    public int MinutesPerVisitor { get; init; } = 5;

    public int MinimumMinutes { get; init; } = 3;

    public int MaximumMinutes { get; init; } = 30;

    /// <param name="position">1 for the next visitor to be served.</param>
    public int EstimatedWaitMinutes(int position, Staffing staffing)
    {
        if (staffing.OnlineOperators == 0)
        {
            return NobodyOnlineMinutes;
        }

        if (staffing.FreeOperators > 0)
        {
            return OperatorFreeMinutes;
        }

        var minutes = (int)Math.Ceiling(position / (double)staffing.OnlineOperators * MinutesPerVisitor);
        return Math.Clamp(minutes, MinimumMinutes, MaximumMinutes);
    }

    /// <summary>Each entry's 1-based position, in service order.</summary>
    public static IReadOnlyList<(QueueEntry Entry, int Position)> Positions(IEnumerable<QueueEntry> entries) =>
        entries.Order(QueueEntry.ServiceOrder).Select((entry, index) => (entry, index + 1)).ToList();
}

/// <summary>How many operators are online and how many of them could take a chat now.</summary>
public sealed record Staffing(int OnlineOperators, int FreeOperators)
{
    public static readonly Staffing Nobody = new(0, 0);
}
