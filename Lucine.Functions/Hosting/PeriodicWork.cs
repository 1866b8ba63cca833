namespace Lucine.Functions.Hosting;

/// <summary>
/// Work a standalone process repeats on a timer (the sweeps); behind the Functions host its timer
/// functions do it instead, and <see cref="Enabled"/> is off. A failed run is logged and the next
/// one retries: every sweep is safe to run again.
/// </summary>
public abstract partial class PeriodicWork(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    using var activity = LucineActivities.Source.StartActivity(GetType().Name);
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, GetType().Name, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed; the next run retries.")]
    private static partial void LogFailed(ILogger logger, string work, Exception exception);
}
