namespace Lucine.Domain.Tests.Queue;

[Trait("Category", Layer.Unit)]
public sealed class QueuePolicyTests
{
    private static readonly QueuePolicy Policy = new();
    private static readonly DateTimeOffset T0 = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 0, 0, 30)] // nobody online: the longest promise, whatever the position
    [InlineData(12, 0, 0, 30)]
    [InlineData(1, 3, 1, 1)] // someone free: almost immediate
    [InlineData(8, 3, 2, 1)]
    [InlineData(1, 1, 0, 5)] // ceil(1 / 1 × 5)
    [InlineData(1, 2, 0, 3)] // ceil(1 / 2 × 5) = 3, also the floor
    [InlineData(1, 5, 0, 3)] // ceil(1 / 5 × 5) = 1, raised to the floor
    [InlineData(2, 3, 0, 4)] // ceil(2 / 3 × 5) = ceil(3.33)
    [InlineData(4, 2, 0, 10)]
    [InlineData(6, 1, 0, 30)] // exactly the ceiling
    [InlineData(7, 1, 0, 30)] // ceil(35) capped
    [InlineData(100, 2, 0, 30)]
    public void The_estimated_wait_follows_the_reference_formula(int position, int online, int free, int minutes)
    {
        Assert.Equal(minutes, Policy.EstimatedWaitMinutes(position, new Staffing(online, free)));
    }

    [Fact]
    public void Every_number_of_the_formula_can_be_configured()
    {
        var policy = new QueuePolicy { NobodyOnlineMinutes = 60, OperatorFreeMinutes = 2, MinutesPerVisitor = 10, MinimumMinutes = 5, MaximumMinutes = 45 };

        Assert.Equal(60, policy.EstimatedWaitMinutes(1, Staffing.Nobody));
        Assert.Equal(2, policy.EstimatedWaitMinutes(1, new Staffing(1, 1)));
        Assert.Equal(5, policy.EstimatedWaitMinutes(1, new Staffing(4, 0)));
        Assert.Equal(20, policy.EstimatedWaitMinutes(4, new Staffing(2, 0)));
        Assert.Equal(45, policy.EstimatedWaitMinutes(10, new Staffing(1, 0)));
    }

    [Fact]
    public void Positions_put_high_priority_first_then_the_longest_wait()
    {
        var early = Entry(1, QueuePriority.Normal, 0);
        var later = Entry(2, QueuePriority.Normal, 5);
        var raised = Entry(3, QueuePriority.High, 8);
        var raisedEarlier = Entry(4, QueuePriority.High, 6);

        var positions = QueuePolicy.Positions([later, raised, early, raisedEarlier]);

        Assert.Equal([(raisedEarlier, 1), (raised, 2), (early, 3), (later, 4)], positions);
    }

    [Fact]
    public void Entries_queued_at_the_same_moment_are_ordered_by_session_id_so_every_instance_agrees()
    {
        var b = Entry(2, QueuePriority.Normal, 0);
        var a = Entry(1, QueuePriority.Normal, 0);

        Assert.Equal(QueuePolicy.Positions([a, b]), QueuePolicy.Positions([b, a]));
    }

    [Fact]
    public void An_empty_queue_has_no_positions()
    {
        Assert.Empty(QueuePolicy.Positions([]));
    }

    private static QueueEntry Entry(byte id, QueuePriority priority, int minutes)
    {
        var bytes = new byte[16];
        bytes[^1] = id;
        return new QueueEntry(SessionId.FromBytes(bytes), priority, T0.AddMinutes(minutes));
    }
}
