using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace Lucine.Functions.Storage;

/// <summary>
/// Storage that does not answer is an outage, not a bug: the client gets 503 with Retry-After (the next
/// probe's time while the storage circuit is open) and a problem it can act on (retry with the same
/// client message id), never a bare 500.
/// </summary>
public sealed partial class StorageUnavailableHandler(IProblemDetailsService problems, StorageCircuit circuit, ILogger<StorageUnavailableHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageFailures.IsOutage(exception))
        {
            return false;
        }

        // The circuit said so when it opened: a line per refused request would bury it.
        if (exception is StorageCircuitOpenException)
        {
            LogRefused(logger, context.Request.Path);
        }
        else
        {
            LogUnavailable(logger, exception.Message);
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)circuit.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = Problems.TypePrefix + "storage-unavailable",
                Title = "Storage unavailable",
                Detail = "Lucine cannot reach its storage right now. Retry in a few seconds; a retry with the same clientMessageId is safe.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Table Storage is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path} refused at once: the storage circuit is open.")]
    private static partial void LogRefused(ILogger logger, string path);
}
