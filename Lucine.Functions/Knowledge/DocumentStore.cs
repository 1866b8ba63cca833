using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Knowledge;

/// <summary>One version of a document (the knowledge base, the customer texts, the seasons): 0 is the shipped file, the others were saved by an admin.</summary>
/// <param name="Size">The document's size in bytes of UTF-8.</param>
/// <param name="RestoredFrom">The older version this one is a copy of, when an admin restored it.</param>
public sealed record KnowledgeVersion(int Number, DateTimeOffset? SavedAt, string? SavedBy, int Size, int? RestoredFrom = null);

/// <summary>A version with its document, as written.</summary>
public sealed record VersionedKnowledge(KnowledgeVersion Version, string Document);

/// <summary>
/// Nothing was saved: the version of the document the admin edited is not the current one any more,
/// or another save got there at the same moment.
/// </summary>
/// <param name="Expected">The version the admin said they edited (If-Match); null when they did not say.</param>
public sealed class KnowledgeSaveConflictException(int? expected, int current)
    : Exception($"The document is at version {current}{(expected is { } e ? $", not {e}" : "")}.")
{
    public int? Expected { get; } = expected;

    public int Current { get; } = current;
}

/// <summary>
/// Which document: the knowledge base (rows <c>v-…</c>, pointer <c>current</c>), the customer texts
/// (<c>t-…</c>, <c>current-texts</c>) or the seasons (<c>season-v-…</c>, <c>season-current</c>). The
/// seasons' rows sort outside the range that reads the other two pointers together.
/// </summary>
public sealed record DocumentKind(string VersionPrefix, string PointerRow)
{
    public static readonly DocumentKind Knowledge = new("v-", "current");
    public static readonly DocumentKind Texts = new("t-", "current-texts");
    public static readonly DocumentKind Seasons = new("season-v-", "season-current");
}

/// <summary>The versions in use of both documents, read together.</summary>
public sealed record ContentVersions(int Knowledge, int Texts)
{
    /// <summary>Both at least as new as <paramref name="other"/>, and one newer: versions only grow.</summary>
    public bool IsNewerThan(ContentVersions other) =>
        Knowledge >= other.Knowledge && Texts >= other.Texts && this != other;
}

/// <summary>
/// The versions admins saved of one document, all in one partition of the Knowledge table: a row per
/// version, newest first, never overwritten, and a pointer row naming the current one. A save writes
/// the new version and moves the pointer in one transaction guarded by the pointer's ETag, so of two
/// saves from the same version only one is stored. Both documents share the partition, so that one
/// range query reads both pointers.
/// </summary>
public sealed class DocumentStore(LucineTables tables, DocumentKind kind)
{
    /// <summary>Table Storage keeps at most 32K UTF-16 characters in a string property: longer documents span several.</summary>
    internal const int PartLength = 32_000;

    private const string Partition = "knowledge";
    private const string Parts = "Parts";
    private const string PartPrefix = "Part";
    private const string SaveId = "SaveId";

    private static readonly string[] VersionColumns =
        [nameof(KnowledgeVersion.Number), nameof(KnowledgeVersion.SavedAt), nameof(KnowledgeVersion.SavedBy), nameof(KnowledgeVersion.Size), nameof(KnowledgeVersion.RestoredFrom)];

    private string VersionPrefix => kind.VersionPrefix;

    private string PointerRow => kind.PointerRow;

    /// <summary>The version the pointer names; 0 (the shipped file) until an admin saves one.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken) => (await ReadPointerAsync(cancellationToken)).Version;

    /// <summary>The versions both pointers name, in one request (the pointer rows sort next to each other).</summary>
    public static async Task<ContentVersions> CurrentVersionsAsync(LucineTables tables, CancellationToken cancellationToken)
    {
        var (first, last) = (DocumentKind.Knowledge.PointerRow, DocumentKind.Texts.PointerRow);
        var rows = await tables.Knowledge.QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {first} and RowKey le {last}"), 2, cancellationToken, ["RowKey", nameof(KnowledgeVersion.Number)]);
        int Version(string pointer) => rows.FirstOrDefault(r => r.RowKey == pointer)?.Int(nameof(KnowledgeVersion.Number)) ?? 0;
        return new ContentVersions(Version(first), Version(last));
    }

    /// <summary>A saved version with its document; null when there is no such version.</summary>
    public async Task<VersionedKnowledge?> ReadAsync(int version, CancellationToken cancellationToken)
    {
        if (await tables.Knowledge.FindAsync(Partition, RowKey(version), cancellationToken) is not { } row)
        {
            return null;
        }

        var document = string.Concat(Enumerable.Range(0, row.Int(Parts)).Select(i => row.GetString(PartPrefix + i)));
        return new VersionedKnowledge(Version(row), document);
    }

    /// <summary>Saved versions older than <paramref name="before"/> (null: all), newest first, without their documents.</summary>
    public async Task<IReadOnlyList<KnowledgeVersion>> ListAsync(int? before, int limit, CancellationToken cancellationToken)
    {
        // Row keys count down, so older versions sort after newer ones.
        var filter = before is { } newer
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {RowKey(newer)} and RowKey lt {TableRows.After(VersionPrefix)}")
            : TableRows.Range(Partition, VersionPrefix);
        var rows = await tables.Knowledge.QueryAsync(filter, limit, cancellationToken, VersionColumns);
        return rows.Select(Version).ToList();
    }

    /// <summary>
    /// The history as admins see it: the saved versions, then the shipped one (version 0, never stored)
    /// on the page that reaches the oldest saved version.
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeVersion>> ListWithShippedAsync(
        KnowledgeVersion shipped, int? before, int limit, CancellationToken cancellationToken)
    {
        var saved = await ListAsync(before, limit, cancellationToken);
        return saved.Count < limit && before is not 0 ? [.. saved, shipped] : saved;
    }

    /// <summary>
    /// Stores <paramref name="document"/> as the next version and makes it the current one. Throws
    /// <see cref="KnowledgeSaveConflictException"/>, having stored nothing, when the current version is
    /// not <paramref name="expectedVersion"/> or another save wins the race.
    /// </summary>
    public async Task<KnowledgeVersion> SaveAsync(
        string document, string savedBy, DateTimeOffset at, int? expectedVersion, int? restoredFrom, CancellationToken cancellationToken)
    {
        var (current, etag) = await ReadPointerAsync(cancellationToken);
        if (expectedVersion is { } expected && expected != current)
        {
            throw new KnowledgeSaveConflictException(expected, current);
        }

        var version = new KnowledgeVersion(current + 1, at, savedBy, Encoding.UTF8.GetByteCount(document), restoredFrom);
        var saveId = Guid.NewGuid().ToString("N");
        var pointer = new TableEntity(Partition, PointerRow) { [nameof(KnowledgeVersion.Number)] = version.Number };
        try
        {
            await tables.Knowledge.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, VersionRow(version, document, saveId)),
                    etag is { } read
                        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, pointer, read)
                        : new TableTransactionAction(TableTransactionActionType.Add, pointer),
                ],
                cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailures.IsConflict(e))
        {
            // The client retries a request whose answer it did not get: the conflict may be with our own first attempt.
            if (await ReadSaveIdAsync(version.Number, cancellationToken) != saveId)
            {
                throw new KnowledgeSaveConflictException(expectedVersion, await CurrentVersionAsync(cancellationToken));
            }
        }

        return version;
    }

    private string RowKey(int version) =>
        VersionPrefix + (int.MaxValue - version).ToString("D10", CultureInfo.InvariantCulture);

    private TableEntity VersionRow(KnowledgeVersion version, string document, string saveId)
    {
        var parts = Split(document).ToList();
        var row = new TableEntity(Partition, RowKey(version.Number))
            {
                [nameof(KnowledgeVersion.Number)] = version.Number,
                [nameof(KnowledgeVersion.SavedAt)] = version.SavedAt,
                [nameof(KnowledgeVersion.SavedBy)] = version.SavedBy,
                [nameof(KnowledgeVersion.Size)] = version.Size,
                [SaveId] = saveId,
                [Parts] = parts.Count,
            }
            .With(nameof(KnowledgeVersion.RestoredFrom), version.RestoredFrom);
        for (var i = 0; i < parts.Count; i++)
        {
            row[PartPrefix + i] = parts[i];
        }

        return row;
    }

    private static IEnumerable<string> Split(string document)
    {
        for (var start = 0; start < document.Length;)
        {
            var length = Math.Min(PartLength, document.Length - start);

            // A character outside the BMP is two UTF-16 units: a part never ends between them.
            if (start + length < document.Length && char.IsHighSurrogate(document[start + length - 1]))
            {
                length--;
            }

            yield return document.Substring(start, length);
            start += length;
        }
    }

    private static KnowledgeVersion Version(TableEntity row) => new(
        row.Int(nameof(KnowledgeVersion.Number)),
        row.GetDateTimeOffset(nameof(KnowledgeVersion.SavedAt)),
        row.GetString(nameof(KnowledgeVersion.SavedBy)),
        row.Int(nameof(KnowledgeVersion.Size)),
        row.GetInt32(nameof(KnowledgeVersion.RestoredFrom)));

    private async Task<(int Version, ETag? ETag)> ReadPointerAsync(CancellationToken cancellationToken) =>
        await tables.Knowledge.FindAsync(Partition, PointerRow, cancellationToken) is { } row
            ? (row.Int(nameof(KnowledgeVersion.Number)), row.ETag)
            : (0, null);

    private async Task<string?> ReadSaveIdAsync(int version, CancellationToken cancellationToken) =>
        (await tables.Knowledge.FindAsync(Partition, RowKey(version), cancellationToken, [SaveId]))?.GetString(SaveId);
}
