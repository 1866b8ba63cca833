using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Privacy;

/// <summary>
/// Erasures as durable jobs in the <c>Privacy</c> table: the job row ("job", id) is written first with
/// everything that was found, then the items are erased one by one, the row counting each one done;
/// an "open" row marks a job not finished yet. A run cut short (a crash, an outage) is taken up where it
/// stopped by the next request about the same subject, or by the retention timer; an item done twice
/// is erased twice, harmlessly.
/// </summary>
public sealed partial class ErasureJobs(
    LucineTables tables, CustomerRecords records, IPersonalDataEraser eraser, SessionCredentials credentials, TimeProvider clock, ILogger<ErasureJobs> logger)
{
    private const string JobPartition = "job";
    private const string OpenPartition = "open";

    /// <summary>Takes up the subject's unfinished erasure, else finds what to erase and starts one; then runs it.</summary>
    public async Task<ErasureJob> EraseAsync(PrivacySubject subject, string requestedBy, CancellationToken cancellationToken)
    {
        var key = credentials.SubjectKey(subject.Kind + ":" + subject.Value);
        var open = await tables.Privacy.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {OpenPartition} and SubjectKey eq {key}"), 1, cancellationToken);
        var job = open.Count > 0 && await FindAsync(open[0].RowKey, cancellationToken) is { } unfinished
            ? unfinished
            : await StartAsync(subject, key, requestedBy, cancellationToken);
        return await RunAsync(job, cancellationToken);
    }

    public async Task<ErasureJob?> FindAsync(string id, CancellationToken cancellationToken) =>
        await tables.Privacy.FindAsync(JobPartition, id, cancellationToken) is { } row ? ToJob(row) : null;

    /// <summary>Takes up every unfinished erasure (at most <paramref name="max"/>); returns how many finished now.</summary>
    public async Task<int> ResumeAsync(int max, CancellationToken cancellationToken)
    {
        var finished = 0;
        foreach (var open in await tables.Privacy.QueryAsync(TableRows.Partition(OpenPartition), max, cancellationToken, ["RowKey"]))
        {
            if (await FindAsync(open.RowKey, cancellationToken) is { } job && (await RunAsync(job, cancellationToken)).Status == ErasureStatus.Completed)
            {
                finished++;
            }
        }

        return finished;
    }

    /// <summary>The subject's data as found now, in a job row, before anything is erased.</summary>
    private async Task<ErasureJob> StartAsync(PrivacySubject subject, string key, string requestedBy, CancellationToken cancellationToken)
    {
        var footprint = await records.FindAsync(subject, cancellationToken);
        var now = clock.GetUtcNow();
        var job = new ErasureJob(Guid.NewGuid().ToString("N"), subject.Kind, key, [.. footprint.Items.Select(i => i.ToString())], 0, ErasureStatus.Running, requestedBy, now, now, null);
        await tables.Privacy.AddEntityAsync(ToRow(job), cancellationToken);
        await tables.Privacy.UpsertEntityAsync(new TableEntity(OpenPartition, job.Id) { ["SubjectKey"] = key }, TableUpdateMode.Replace, cancellationToken);
        return job;
    }

    /// <summary>
    /// Erases the items not done yet, recording each one done. A failure stops the run and leaves the
    /// job running, to be taken up again; the job as it stands is returned either way.
    /// </summary>
    private async Task<ErasureJob> RunAsync(ErasureJob job, CancellationToken cancellationToken)
    {
        try
        {
            while (job.Done < job.Items.Count)
            {
                await eraser.EraseAsync(ErasureItem.Parse(job.Items[job.Done]), cancellationToken);
                job = job with { Done = job.Done + 1, UpdatedAt = clock.GetUtcNow() };
                await tables.Privacy.UpsertEntityAsync(ToRow(job), TableUpdateMode.Replace, cancellationToken);
            }

            if (job.Status == ErasureStatus.Running)
            {
                job = job with { Status = ErasureStatus.Completed, CompletedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow() };
                await tables.Privacy.UpsertEntityAsync(ToRow(job), TableUpdateMode.Replace, cancellationToken);
                await tables.Privacy.DeleteEntityAsync(OpenPartition, job.Id, ETag.All, cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogInterrupted(logger, job.Id, job.Done, job.Items.Count, e);
        }

        return job;
    }

    private static TableEntity ToRow(ErasureJob job) => new TableEntity(JobPartition, job.Id)
        {
            ["SubjectKind"] = job.SubjectKind,
            ["SubjectKey"] = job.SubjectKey,
            ["Items"] = JsonSerializer.Serialize(job.Items, Wire.Json),
            ["Done"] = job.Done,
            ["Status"] = Wire.Name(job.Status),
            ["RequestedBy"] = job.RequestedBy,
            ["CreatedAt"] = job.CreatedAt,
            ["UpdatedAt"] = job.UpdatedAt,
        }
        .With("CompletedAt", job.CompletedAt);

    private static ErasureJob ToJob(TableEntity row) => new(
        row.RowKey,
        row.GetString("SubjectKind"),
        row.GetString("SubjectKey"),
        JsonSerializer.Deserialize<List<string>>(row.GetString("Items") ?? "[]", Wire.Json) ?? [],
        row.Int("Done"),
        Wire.Parse<ErasureStatus>(row.GetString("Status")),
        row.GetString("RequestedBy") ?? string.Empty,
        row.GetDateTimeOffset("CreatedAt") ?? default,
        row.GetDateTimeOffset("UpdatedAt") ?? default,
        row.GetDateTimeOffset("CompletedAt"));

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasure {Job} stopped after {Done} of {Total} items; it is taken up again by the next request for the subject or the retention timer.")]
    private static partial void LogInterrupted(ILogger logger, string job, int done, int total, Exception exception);
}
