using Azure;

namespace Lucine.Functions.Storage;

/// <summary>How the storage client's failures are told apart.</summary>
public static class StorageFailures
{
    /// <summary>
    /// An outage (retry later) rather than a request storage rejects: no answer (status 0, or a timeout
    /// the client gave up on), a timeout (408), throttling (429), a server error, or a call the open
    /// circuit refused because storage keeps failing.
    /// </summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        RequestFailedException failed => IsOutageStatus(failed.Status),
        StorageCircuitOpenException => true,

        // Every attempt of the client's failed without an answer: refused, reset (a connection dropped while
        // the answer was read), or past its network timeout (which it reports as a cancellation; the
        // caller's own cancellation is never aggregated).
        AggregateException attempts => attempts.InnerExceptions.All(e => e is OperationCanceledException or IOException || IsOutage(e)),
        _ => false,
    };

    /// <summary>A status storage answers (or the client reports, 0 for no answer) when it is down, not when it refuses the request.</summary>
    public static bool IsOutageStatus(int status) => status is 0 or 408 or 429 or >= 500;

    /// <summary>Storage answered that the row is not (or no longer) there.</summary>
    public static bool IsNotFound(Exception exception) => exception is RequestFailedException { Status: 404 };

    /// <summary>
    /// Another writer got there first: a row to add exists already (409), or a row to replace changed
    /// since it was read (412).
    /// </summary>
    public static bool IsConflict(Exception exception) => exception is RequestFailedException { Status: 409 or 412 };
}
