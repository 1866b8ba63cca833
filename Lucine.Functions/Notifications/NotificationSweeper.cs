using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>Sends due notifications every <see cref="NotificationOptions.SweepInterval"/> in standalone mode.</summary>
public sealed partial class NotificationSweeper(NotificationOutbox outbox, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await outbox.RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A notification sweep failed; the next one retries.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
