using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Decisions;
using Lucine.Functions.Privacy;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.BlindSpots;

/// <summary>
/// The groups of questions the assistant did not know, in one partition of <c>BlindSpots</c> (a row per
/// group, changed ETag-guarded): counted from the <see cref="NoteBlindSpot"/> effects, read and decided
/// by admins, and their examples forgotten with the conversations they came from.
/// </summary>
public sealed class BlindSpotInbox(LucineTables tables, IOptions<PrivacyOptions> privacy, TimeProvider clock)
{
    /// <summary>Racing notes on one group: each lost race is one more question counted by another writer.</summary>
    private const int MaxAttempts = 20;

    /// <summary>The inbox is read whole: groups are as many as the distinct questions the knowledge base lacks.</summary>
    private const int MaxGroups = 1000;

    private TableClient Table => tables.BlindSpots;

    /// <summary>The groups' rows, without the markers beside them (group ids are hex digits, which sort before <c>m-</c>).</summary>
    private static string Groups => TableClient.CreateQueryFilter($"PartitionKey eq {BlindSpotGroup.Partition} and RowKey lt {EventMarkers.Prefix}");

    /// <summary>When examples stop being kept: the conversations' own retention period.</summary>
    private DateTimeOffset Cutoff => clock.GetUtcNow() - privacy.Value.Retention.Transcripts;

    /// <summary>
    /// Counts one question in its group, once however often its effect is delivered: the group's row and
    /// the note's marker in one transaction, guarded by the row's ETag. A marker that exists is a note
    /// counted already; a row another note changed is read again.
    /// </summary>
    public async Task NoteAsync(NoteBlindSpot note, string eventKey, CancellationToken cancellationToken)
    {
        var id = BlindSpotGroup.IdOf(note.Keywords);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await Table.FindAsync(BlindSpotGroup.Partition, id, cancellationToken);
            var group = BlindSpotGroup.Noted(stored is null ? null : BlindSpotGroup.Read(stored), note).KeptAfter(Cutoff);
            var write = stored is null
                ? new TableTransactionAction(TableTransactionActionType.Add, group.Write())
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, group.Write(), stored.ETag);
            try
            {
                await Table.SubmitTransactionAsync([EventMarkers.Add(BlindSpotGroup.Partition, eventKey, clock.GetUtcNow()), write], cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (StorageFailures.IsConflict(e) && attempt < MaxAttempts)
            {
                if ((await EventMarkers.UncountedAsync(Table, BlindSpotGroup.Partition, [eventKey], key => key, cancellationToken)).Count == 0)
                {
                    return;
                }

                // Racing notes on one group: a moment later, so that they spread out instead of colliding again.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>The groups with a status, most asked first (then the latest); examples past the retention period are not shown.</summary>
    public async Task<IReadOnlyList<BlindSpotGroup>> ListAsync(BlindSpotStatus status, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BlindSpotGroup.Partition} and Status eq {Hosting.Wire.Name(status)}");
        var cutoff = Cutoff;
        var rows = await Table.QueryAsync(filter, MaxGroups, cancellationToken);
        return [.. rows.Select(BlindSpotGroup.Read).Select(g => g.KeptAfter(cutoff)).OrderByDescending(g => g.Count).ThenByDescending(g => g.LastSeen)];
    }

    /// <summary>Sets what admins decided; null when there is no such group.</summary>
    public async Task<BlindSpotGroup?> DecideAsync(string id, BlindSpotStatus status, string? topic, CancellationToken cancellationToken)
    {
        var cutoff = Cutoff;
        var updated = await Table.UpdateAsync(
            BlindSpotGroup.Partition, id, BlindSpotGroup.Read, g => g.Write(),
            group => group is null ? null : (group with { Status = status, Topic = topic }).KeptAfter(cutoff), MaxAttempts, cancellationToken);
        return updated.After;
    }

    /// <summary>
    /// Retention: drops the examples older than the conversations' period (the counts and keywords stay).
    /// Reads the whole inbox, which is small; returns how many groups changed, at most <paramref name="max"/>.
    /// </summary>
    public async Task<int> ForgetOldExamplesAsync(int max, CancellationToken cancellationToken)
    {
        var cutoff = Cutoff;
        var rows = await Table.QueryAsync(Groups, MaxGroups, cancellationToken);
        var due = rows.Select(BlindSpotGroup.Read).Where(g => g.Examples.Any(e => e.At < cutoff)).Take(max).Select(g => g.Id).ToList();
        foreach (var id in due)
        {
            await Table.UpdateAsync(
                BlindSpotGroup.Partition, id, BlindSpotGroup.Read, g => g.Write(), group => group?.KeptAfter(cutoff), MaxAttempts, cancellationToken);
        }

        return due.Count;
    }
}
