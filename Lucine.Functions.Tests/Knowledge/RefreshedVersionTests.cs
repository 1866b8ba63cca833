using Lucine.Functions.Knowledge;

namespace Lucine.Functions.Tests.Knowledge;

/// <summary>
/// The one refresh rule of the knowledge base and the seasons (<see cref="RefreshedVersion{T}"/>), with
/// looks the test answers by hand: at most one look per interval on the clock, shared by concurrent
/// callers, a failed look keeps the version in use, a saved version is used at once and not undone.
/// </summary>
[Trait("Category", Layer.Unit)]
public sealed class RefreshedVersionTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly List<TaskCompletionSource<int>> looks = [];
    private readonly List<(int Kept, Exception Error)> failures = [];

    private RefreshedVersion<int> Version() => new(
        0,
        _ =>
        {
            var look = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            looks.Add(look);
            return look.Task;
        },
        (version, other) => version > other,
        (kept, error) => failures.Add((kept, error)),
        clock,
        Interval);

    [Fact]
    public async Task Concurrent_callers_share_one_look_and_nobody_looks_again_within_the_interval()
    {
        var version = Version();

        var first = version.CurrentAsync(CancellationToken.None);
        var second = version.CurrentAsync(CancellationToken.None);
        Assert.Single(looks);
        Assert.False(first.IsCompleted);
        looks[0].SetResult(3);

        Assert.Equal(3, await first);
        Assert.Equal(3, await second);
        clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, await version.CurrentAsync(CancellationToken.None));
        Assert.Single(looks);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var later = version.CurrentAsync(CancellationToken.None);
        Assert.Equal(2, looks.Count);
        looks[1].SetResult(4);
        Assert.Equal(4, await later);
    }

    [Fact]
    public async Task A_failed_look_keeps_the_version_in_use_until_the_next_interval()
    {
        var version = Version();
        var first = version.CurrentAsync(CancellationToken.None);
        looks[0].SetResult(5);
        await first;
        clock.Advance(Interval);

        var failed = version.CurrentAsync(CancellationToken.None);
        looks[1].SetException(new InvalidOperationException("storage is down"));

        Assert.Equal(5, await failed);
        var failure = Assert.Single(failures);
        Assert.Equal(5, failure.Kept);
        Assert.Equal("storage is down", failure.Error.Message);
        Assert.Equal(5, await version.CurrentAsync(CancellationToken.None));
        Assert.Equal(2, looks.Count);
    }

    [Fact]
    public async Task A_caller_giving_up_does_not_cancel_the_look_the_others_wait_for()
    {
        var version = Version();
        using var giveUp = new CancellationTokenSource();

        var impatient = version.CurrentAsync(giveUp.Token).AsTask();
        var patient = version.CurrentAsync(CancellationToken.None);
        await giveUp.CancelAsync();
        looks[0].SetResult(2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.Equal(2, await patient);
    }

    [Fact]
    public async Task A_saved_version_is_used_at_once_and_a_look_started_before_it_does_not_undo_it()
    {
        var version = Version();
        var look = version.CurrentAsync(CancellationToken.None);

        version.Activate(7);
        looks[0].SetResult(6);

        Assert.Equal(7, await look);
        Assert.Equal(7, await version.CurrentAsync(CancellationToken.None));
        Assert.Single(looks);

        // Saves finishing out of order: the older one is not used.
        version.Activate(6);
        Assert.Equal(7, await version.CurrentAsync(CancellationToken.None));
    }
}
