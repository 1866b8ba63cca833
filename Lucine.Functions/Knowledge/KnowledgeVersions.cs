namespace Lucine.Functions.Knowledge;

/// <summary>What saving a document did: the version stored, or the check that refused it (nothing stored).</summary>
public sealed record KnowledgeSave(VersionedKnowledge? Saved, KnowledgeCheck Check);

/// <summary>
/// The knowledge base as admins see it: the shipped file as version 0, then the versions they saved.
/// A save is checked first, stored under the pointer's ETag, and answers visitors on this instance at once.
/// </summary>
public sealed class KnowledgeVersions(ShippedKnowledgeBase shipped, KnowledgeStore store, KnowledgeCompiler compiler, KnowledgeSource source, TimeProvider clock)
{
    public async Task<VersionedKnowledge> CurrentAsync(CancellationToken cancellationToken)
    {
        var version = await store.CurrentVersionAsync(cancellationToken);
        return await ReadAsync(version, cancellationToken)
            ?? throw new InvalidOperationException($"The knowledge base pointer names version {version}, which is not stored.");
    }

    /// <summary>A version with its document; null when there is no such version.</summary>
    public async Task<VersionedKnowledge?> ReadAsync(int version, CancellationToken cancellationToken) =>
        version == 0 ? shipped.Versioned : await store.ReadAsync(version, cancellationToken);

    /// <summary>Versions older than <paramref name="before"/> (null: all), newest first; the shipped file comes last.</summary>
    public async Task<IReadOnlyList<KnowledgeVersion>> ListAsync(int? before, int limit, CancellationToken cancellationToken)
    {
        var saved = await store.ListAsync(before, limit, cancellationToken);
        return saved.Count < limit && before is not 0 ? [.. saved, shipped.Versioned.Version] : saved;
    }

    /// <param name="expectedVersion">The version the admin edited (If-Match): another one current means nothing is stored.</param>
    /// <exception cref="KnowledgeSaveConflictException">Not the expected version, or another save won; nothing was stored.</exception>
    public async Task<KnowledgeSave> SaveAsync(
        string document, string savedBy, int? expectedVersion, int? restoredFrom, CancellationToken cancellationToken)
    {
        var check = compiler.Check(document);
        if (check.Knowledge is null)
        {
            return new KnowledgeSave(null, check);
        }

        var version = await store.SaveAsync(document, savedBy, clock.GetUtcNow(), expectedVersion, restoredFrom, cancellationToken);
        source.Activate(version.Number, check.Knowledge);
        return new KnowledgeSave(new VersionedKnowledge(version, document), check);
    }
}
