namespace Lucine.Functions.Knowledge;

/// <summary>
/// The version of something stored (the knowledge base with its texts, the seasons) an instance uses,
/// kept up to date by one rule: the stored pointer is looked at again at most every
/// <c>interval</c> on the clock, concurrent callers share one look, a look that fails keeps the version
/// in use, and a version this instance saved (<see cref="Activate"/>) is used at once and is not undone
/// by a look that started before it.
/// </summary>
/// <param name="initial">The version used before the first look (which the first caller makes).</param>
/// <param name="look">Finds the stored version, given the one in use; returns that one when nothing new is usable.</param>
/// <param name="isNewer">Whether a version is newer than another: an activation only moves forward.</param>
/// <param name="failed">Told about a look that threw, with the version that stays in use.</param>
public sealed class RefreshedVersion<T>(
    T initial,
    Func<T, Task<T>> look,
    Func<T, T, bool> isNewer,
    Action<T, Exception> failed,
    TimeProvider clock,
    TimeSpan interval)
{
    private readonly Lock gate = new();
    private T current = initial;
    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;
    private Task<T>? looking;

    /// <summary>Moves on with every activation, so that a look started before one cannot undo it.</summary>
    private int activations;

    public ValueTask<T> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (clock.GetUtcNow() < checkedAt + interval)
            {
                return ValueTask.FromResult(current);
            }

            if (looking is not { IsCompleted: false })
            {
                looking = LookAsync(current, activations);
            }

            // One caller giving up must not cancel the look the others wait for.
            return new ValueTask<T>(looking.WaitAsync(cancellationToken));
        }
    }

    /// <summary>A version this instance has just saved: used from now on, without waiting for the next look.</summary>
    public void Activate(T version)
    {
        lock (gate)
        {
            // Two saves on this instance may finish out of order; versions only grow.
            if (isNewer(version, current))
            {
                current = version;
                checkedAt = clock.GetUtcNow();
                activations++;
            }
        }
    }

    private async Task<T> LookAsync(T seen, int activationsSeen)
    {
        var found = seen;
        try
        {
            found = await look(seen);
        }
        catch (Exception e)
        {
            // Whatever the look hit (storage down or slow, a stored row it cannot read), the version
            // in use stays: the callers waiting on this look are visitors.
            failed(seen, e);
        }

        lock (gate)
        {
            if (activations == activationsSeen)
            {
                current = found;
                checkedAt = clock.GetUtcNow();
            }

            return current;
        }
    }
}
