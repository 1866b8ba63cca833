using System.Globalization;
using System.Text;
using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Knowledge;

/// <summary>One knowledge base version: 0 is the shipped file, the others were saved by an admin.</summary>
/// <param name="Size">The document's size in bytes of UTF-8.</param>
/// <param name="RestoredFrom">The older version this one is a copy of, when an admin restored it.</param>
public sealed record KnowledgeVersion(int Number, DateTimeOffset? SavedAt, string? SavedBy, int Size, int? RestoredFrom = null);

/// <summary>A knowledge base version with its document, as written.</summary>
public sealed record VersionedKnowledge(KnowledgeVersion Version, string Document);

/// <summary>
/// Nothing was saved: the version the admin edited is not the current one any more, or another save
/// got there at the same moment.
/// </summary>
/// <param name="Expected">The version the admin said they edited (If-Match); null when they did not say.</param>
public sealed class KnowledgeSaveConflictException(int? expected, int current)
    : Exception($"The knowledge base is at version {current}{(expected is { } e ? $", not {e}" : "")}.")
{
    public int? Expected { get; } = expected;

    public int Current { get; } = current;
}

/// <summary>
/// The knowledge base versions admins saved, all in one partition of the Knowledge table: a row per
/// version, newest first, never overwritten, and a pointer row naming the current one. A save writes
/// the new version and moves the pointer in one transaction guarded by the pointer's ETag, so of two
/// saves from the same version only one is stored.
/// </summary>
public sealed class KnowledgeStore(LucineTables tables)
{
    /// <summary>Table Storage keeps at most 32K UTF-16 characters in a string property: longer documents span several.</summary>
    internal const int PartLength = 32_000;

    private const string Partition = "knowledge";
    private const string PointerRow = "current";
    private const string VersionPrefix = "v-";
    private const string Parts = "Parts";
    private const string PartPrefix = "Part";
    private const string SaveId = "SaveId";

    private static readonly string[] VersionColumns =
        [nameof(KnowledgeVersion.Number), nameof(KnowledgeVersion.SavedAt), nameof(KnowledgeVersion.SavedBy), nameof(KnowledgeVersion.Size), nameof(KnowledgeVersion.RestoredFrom)];

    /// <summary>The version the pointer names; 0 (the shipped file) until an admin saves one.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken) => (await ReadPointerAsync(cancellationToken)).Version;

    /// <summary>A saved version with its document; null when there is no such version.</summary>
    public async Task<VersionedKnowledge?> ReadAsync(int version, CancellationToken cancellationToken)
    {
        var read = await tables.Knowledge.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(Partition, RowKey(version)), cancellationToken);
        if (read.Result is not DynamicTableEntity row)
        {
            return null;
        }

        var parts = row.Properties[Parts].Int32Value ?? 0;
        var document = string.Concat(Enumerable.Range(0, parts).Select(i => row.Properties[PartPrefix + i].StringValue));
        return new VersionedKnowledge(Version(row), document);
    }

    /// <summary>Saved versions older than <paramref name="before"/> (null: all), newest first, without their documents.</summary>
    public async Task<IReadOnlyList<KnowledgeVersion>> ListAsync(int? before, int limit, CancellationToken cancellationToken)
    {
        // Row keys count down, so older versions sort after newer ones.
        var filter = before is { } newer
            ? TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.GreaterThan, RowKey(newer)),
                TableOperators.And,
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, Partitions.After(VersionPrefix)))
            : Partitions.Range(VersionPrefix);
        var rows = await Partitions.QueryAsync(tables.Knowledge, Partition, filter, limit, cancellationToken, VersionColumns);
        return rows.Select(Version).ToList();
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
        var pointer = new DynamicTableEntity(Partition, PointerRow) { Properties = { [nameof(KnowledgeVersion.Number)] = new EntityProperty(version.Number) } };
        var batch = new TableBatchOperation
        {
            TableOperation.Insert(VersionRow(version, document, saveId)),
            etag is null ? TableOperation.Insert(pointer) : TableOperation.Replace(WithETag(pointer, etag)),
        };
        try
        {
            await tables.Knowledge.ExecuteBatchAsync(batch, cancellationToken);
        }
        catch (StorageException e) when (e.RequestInformation.HttpStatusCode is 409 or 412)
        {
            // The client retries a request whose answer it did not get: the conflict may be with our own first attempt.
            if (await ReadSaveIdAsync(version.Number, cancellationToken) != saveId)
            {
                throw new KnowledgeSaveConflictException(expectedVersion, await CurrentVersionAsync(cancellationToken));
            }
        }

        return version;
    }

    private static string RowKey(int version) =>
        VersionPrefix + (int.MaxValue - version).ToString("D10", CultureInfo.InvariantCulture);

    private static DynamicTableEntity VersionRow(KnowledgeVersion version, string document, string saveId)
    {
        var row = new DynamicTableEntity(Partition, RowKey(version.Number))
        {
            Properties =
            {
                [nameof(KnowledgeVersion.Number)] = new EntityProperty(version.Number),
                [nameof(KnowledgeVersion.SavedAt)] = new EntityProperty(version.SavedAt),
                [nameof(KnowledgeVersion.SavedBy)] = new EntityProperty(version.SavedBy),
                [nameof(KnowledgeVersion.Size)] = new EntityProperty(version.Size),
                [SaveId] = new EntityProperty(saveId),
            },
        };
        if (version.RestoredFrom is { } restoredFrom)
        {
            row.Properties[nameof(KnowledgeVersion.RestoredFrom)] = new EntityProperty(restoredFrom);
        }

        var parts = Split(document).ToList();
        row.Properties[Parts] = new EntityProperty(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            row.Properties[PartPrefix + i] = new EntityProperty(parts[i]);
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

    private static KnowledgeVersion Version(DynamicTableEntity row) => new(
        row.Properties[nameof(KnowledgeVersion.Number)].Int32Value ?? 0,
        row.Properties[nameof(KnowledgeVersion.SavedAt)].DateTimeOffsetValue,
        row.Properties[nameof(KnowledgeVersion.SavedBy)].StringValue,
        row.Properties[nameof(KnowledgeVersion.Size)].Int32Value ?? 0,
        row.Properties.TryGetValue(nameof(KnowledgeVersion.RestoredFrom), out var restoredFrom) ? restoredFrom.Int32Value : null);

    private static DynamicTableEntity WithETag(DynamicTableEntity row, string etag)
    {
        row.ETag = etag;
        return row;
    }

    private async Task<(int Version, string? ETag)> ReadPointerAsync(CancellationToken cancellationToken)
    {
        var read = await tables.Knowledge.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(Partition, PointerRow), cancellationToken);
        return read.Result is DynamicTableEntity row
            ? (row.Properties[nameof(KnowledgeVersion.Number)].Int32Value ?? 0, row.ETag)
            : (0, null);
    }

    private async Task<string?> ReadSaveIdAsync(int version, CancellationToken cancellationToken)
    {
        var read = await tables.Knowledge.ExecuteAsync(
            TableOperation.Retrieve<DynamicTableEntity>(Partition, RowKey(version), [SaveId]), cancellationToken);
        return read.Result is DynamicTableEntity row && row.Properties.TryGetValue(SaveId, out var id) ? id.StringValue : null;
    }
}
