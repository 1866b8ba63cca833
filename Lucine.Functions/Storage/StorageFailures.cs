using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Storage;

/// <summary>Which storage failures are an outage (retry later) rather than a request storage rejects.</summary>
public static class StorageFailures
{
    /// <summary>No answer, a timeout (408, also the client's own), throttling (429) or a server error.</summary>
    public static bool IsOutage(Exception exception) =>
        exception is StorageException storage && storage.RequestInformation.HttpStatusCode is not (>= 400 and < 500) or 408 or 429;
}
