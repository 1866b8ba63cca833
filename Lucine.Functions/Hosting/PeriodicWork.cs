using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Work a standalone process repeats on its timer function's schedule (the sweeps), at the moments
/// the Functions host would invoke it; behind the host the timer functions do it instead, and
/// <see cref="Enabled"/> is off. A failed run is logged and the next one retries: every sweep is
/// safe to run again. While storage is down its circuit refuses every call at once, so a run costs
/// storage nothing until the circuit lets a probe through.
/// </summary>
public abstract partial class PeriodicWork(string timer, IOptionsMonitor<TimerSchedule> schedules, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract bool Enabled { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var schedule = schedules.Get(timer);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                await Task.Delay(schedule.NextAfter(now) - now, clock, stoppingToken);
                try
                {
                    using var activity = LucineActivities.Source.StartActivity(GetType().Name);
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && StorageFailures.IsOutage(e))
                {
                    LogStorageDown(logger, GetType().Name, e.Message);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} could not reach storage ({Reason}); the next run retries.")]
    private static partial void LogStorageDown(ILogger logger, string work, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed; the next run retries.")]
    private static partial void LogFailed(ILogger logger, string work, Exception exception);
}
