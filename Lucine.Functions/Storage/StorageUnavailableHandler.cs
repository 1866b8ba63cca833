using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace Lucine.Functions.Storage;

/// <summary>
/// Storage that does not answer is an outage, not a bug: the client gets 503 with Retry-After and a
/// problem it can act on (retry with the same client message id), never a bare 500.
/// </summary>
public sealed partial class StorageUnavailableHandler(IProblemDetailsService problems, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageFailures.IsOutage(exception))
        {
            return false;
        }

        LogUnavailable(logger, exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
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
}
