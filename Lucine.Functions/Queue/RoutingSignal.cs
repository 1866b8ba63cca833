namespace Lucine.Functions.Queue;

/// <summary>
/// "The queue or an operator's capacity changed": raised by the outbox, awaited by the router's loop.
/// Raising many times before the router looks counts as once.
/// </summary>
public sealed class RoutingSignal
{
    private readonly SemaphoreSlim raised = new(0, 1);

    public void Raise()
    {
        try
        {
            raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised and not yet seen.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        raised.WaitAsync(timeout, cancellationToken);
}
