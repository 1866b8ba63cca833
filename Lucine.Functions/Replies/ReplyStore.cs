using Azure;
using Azure.Data.Tables;
using Lucine.Domain.Replies;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Replies;

public enum ReplyOutcome
{
    Saved,
    NotFound,

    /// <summary>The reply is not at the version the edit started from: nothing was written.</summary>
    Changed,

    /// <summary>Another reply has the shortcut: nothing was written.</summary>
    ShortcutTaken,
}

/// <param name="CurrentVersion">The stored version, when the reply <see cref="ReplyOutcome.Changed"/>.</param>
public sealed record ReplyWrite(ReplyOutcome Outcome, CannedReply? Reply = null, int? CurrentVersion = null);

/// <summary>
/// The canned replies, in one partition of the Replies table: a row per reply (<c>r-&lt;id&gt;</c>) and a
/// row per shortcut in use (<c>s-&lt;shortcut&gt;</c>) naming its reply. A reply and its shortcut are
/// written in one transaction, so two supervisors giving the same shortcut at once cannot both win:
/// the second insert of the shortcut's row fails and nothing of that write is stored.
/// </summary>
public sealed class ReplyStore(LucineTables tables)
{
    private const string Partition = "reply";
    private const string ReplyPrefix = "r-";
    private const string ShortcutPrefix = "s-";

    /// <summary>Marks a write, so that a retried request recognises its own first attempt when it meets a conflict.</summary>
    private const string WriteId = "WriteId";

    /// <summary>Every lost race is another supervisor's write to the same reply; past this the conflict is told.</summary>
    private const int MaxAttempts = 5;

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Every reply, by shortcut: a handful of rows, one query.</summary>
    public async Task<IReadOnlyList<CannedReply>> ListAsync(CancellationToken cancellationToken) =>
        (await tables.Replies.QueryAsync(TableRows.Range(Partition, ReplyPrefix), null, cancellationToken))
            .Select(Read).OrderBy(r => r.Shortcut, StringComparer.Ordinal).ToList();

    public async Task<CannedReply?> FindAsync(string id, CancellationToken cancellationToken) =>
        await tables.Replies.FindAsync(Partition, ReplyPrefix + id, cancellationToken) is { } row ? Read(row) : null;

    public async Task<ReplyWrite> CreateAsync(CannedReply reply, CancellationToken cancellationToken)
    {
        var writeId = Guid.NewGuid().ToString("N");
        try
        {
            await tables.Replies.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, Row(reply, writeId)), new(TableTransactionActionType.Add, Claim(reply))], cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailures.IsConflict(e))
        {
            if ((await tables.Replies.FindAsync(Partition, ReplyPrefix + reply.Id, cancellationToken))?.GetString(WriteId) != writeId)
            {
                return new(ReplyOutcome.ShortcutTaken);
            }
        }

        return new(ReplyOutcome.Saved, reply);
    }

    /// <param name="expectedVersion">The version the supervisor edited (If-Match); null: whatever is stored.</param>
    /// <param name="change">The reply as it is to be, from the stored one.</param>
    public async Task<ReplyWrite> UpdateAsync(string id, int? expectedVersion, Func<CannedReply, CannedReply> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await tables.Replies.FindAsync(Partition, ReplyPrefix + id, cancellationToken) is not { } row)
            {
                return new(ReplyOutcome.NotFound);
            }

            var current = Read(row);
            if (expectedVersion is { } expected && expected != current.Version)
            {
                return new(ReplyOutcome.Changed, CurrentVersion: current.Version);
            }

            var changed = change(current) with { Version = current.Version + 1 };
            var writeId = Guid.NewGuid().ToString("N");
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, Row(changed, writeId), row.ETag)];
            if (changed.Shortcut != current.Shortcut)
            {
                actions.Add(new(TableTransactionActionType.Delete, Claim(current), ETag.All));
                actions.Add(new(TableTransactionActionType.Add, Claim(changed)));
            }

            try
            {
                await tables.Replies.SubmitTransactionAsync(actions, cancellationToken);
                return new(ReplyOutcome.Saved, changed);
            }
            catch (RequestFailedException e) when (StorageFailures.IsConflict(e))
            {
                var now = await tables.Replies.FindAsync(Partition, ReplyPrefix + id, cancellationToken);
                if (now?.GetString(WriteId) == writeId)
                {
                    return new(ReplyOutcome.Saved, changed);
                }

                // The reply is as it was read, so what failed is the claim of its new shortcut.
                if (now is not null && Read(now).Version == current.Version)
                {
                    return new(ReplyOutcome.ShortcutTaken);
                }

                if (attempt == MaxAttempts)
                {
                    return new(ReplyOutcome.Changed, CurrentVersion: now is null ? null : Read(now).Version);
                }
            }
        }
    }

    /// <summary>Removes a reply and frees its shortcut; false when there is no such reply.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await tables.Replies.FindAsync(Partition, ReplyPrefix + id, cancellationToken) is not { } row)
            {
                return false;
            }

            try
            {
                await tables.Replies.SubmitTransactionAsync(
                    [new(TableTransactionActionType.Delete, row, row.ETag), new(TableTransactionActionType.Delete, Claim(Read(row)), ETag.All)], cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when ((StorageFailures.IsConflict(e) || StorageFailures.IsNotFound(e)) && attempt < MaxAttempts)
            {
                // Changed (perhaps its shortcut) or deleted meanwhile: look again.
            }
        }
    }

    private static TableEntity Claim(CannedReply reply) => new(Partition, ShortcutPrefix + reply.Shortcut) { [nameof(CannedReply.Id)] = reply.Id };

    private static TableEntity Row(CannedReply reply, string writeId) => new(Partition, ReplyPrefix + reply.Id)
    {
        [nameof(CannedReply.Title)] = reply.Title,
        [nameof(CannedReply.Shortcut)] = reply.Shortcut,
        [nameof(LocalizedText.It)] = reply.Text.It,
        [nameof(LocalizedText.En)] = reply.Text.En,
        [nameof(CannedReply.UpdatedBy)] = reply.UpdatedBy,
        [nameof(CannedReply.UpdatedAt)] = reply.UpdatedAt,
        [nameof(CannedReply.Version)] = reply.Version,
        [WriteId] = writeId,
    };

    private static CannedReply Read(TableEntity row) => new(
        row.RowKey[ReplyPrefix.Length..],
        row.GetString(nameof(CannedReply.Title)),
        row.GetString(nameof(CannedReply.Shortcut)),
        new LocalizedText(row.GetString(nameof(LocalizedText.It)), row.GetString(nameof(LocalizedText.En))),
        row.GetString(nameof(CannedReply.UpdatedBy)),
        row.GetDateTimeOffset(nameof(CannedReply.UpdatedAt)) ?? DateTimeOffset.MinValue,
        row.Int(nameof(CannedReply.Version)));
}
