using Lucine.Functions.Storage;

namespace Lucine.Functions.Knowledge;

/// <summary>What saving a document did: the version stored, or the check that refused it (nothing stored).</summary>
public sealed record KnowledgeSave(VersionedKnowledge? Saved, KnowledgeCheck Check);

/// <summary>A document checked against the other one in use: what it compiles to, and the versions that makes.</summary>
/// <param name="InUse">The versions in use when it was checked (the saved one's number replaces its own).</param>
public sealed record DocumentCheck(KnowledgeCheck Check, KnowledgeSource.Active InUse);

/// <summary>
/// A document as admins see it (the knowledge base, the customer texts): the shipped file as version
/// 0, then the versions they saved. A save is checked first (compiled with the other document in use),
/// stored under the pointer's ETag, and answers visitors on this instance at once.
/// </summary>
public abstract class DocumentVersions(VersionedKnowledge shipped, DocumentStore store, KnowledgeSource source, TimeProvider clock)
{
    protected KnowledgeSource Source => source;

    public async Task<VersionedKnowledge> CurrentAsync(CancellationToken cancellationToken)
    {
        var version = await store.CurrentVersionAsync(cancellationToken);
        return await ReadAsync(version, cancellationToken)
            ?? throw new InvalidOperationException($"The pointer names version {version}, which is not stored.");
    }

    /// <summary>A version with its document; null when there is no such version.</summary>
    public async Task<VersionedKnowledge?> ReadAsync(int version, CancellationToken cancellationToken) =>
        version == 0 ? shipped : await store.ReadAsync(version, cancellationToken);

    /// <summary>Versions older than <paramref name="before"/> (null: all), newest first; the shipped file comes last.</summary>
    public Task<IReadOnlyList<KnowledgeVersion>> ListAsync(int? before, int limit, CancellationToken cancellationToken) =>
        store.ListWithShippedAsync(shipped.Version, before, limit, cancellationToken);

    /// <param name="expectedVersion">The version the admin edited (If-Match): another one current means nothing is stored.</param>
    /// <exception cref="KnowledgeSaveConflictException">Not the expected version, or another save won; nothing was stored.</exception>
    public async Task<KnowledgeSave> SaveAsync(
        string document, string savedBy, int? expectedVersion, int? restoredFrom, CancellationToken cancellationToken)
    {
        var (check, inUse) = await CheckAsync(document, cancellationToken);
        if (check.Knowledge is null)
        {
            return new KnowledgeSave(null, check);
        }

        var version = await store.SaveAsync(document, savedBy, clock.GetUtcNow(), expectedVersion, restoredFrom, cancellationToken);
        source.Activate(WithSaved(inUse.Versions, version.Number), check.Knowledge);
        return new KnowledgeSave(new VersionedKnowledge(version, document), check);
    }

    /// <summary>The document compiled with the other one in use; nothing is stored.</summary>
    public abstract Task<DocumentCheck> CheckAsync(string document, CancellationToken cancellationToken);

    /// <summary>The versions in use, with this document at <paramref name="saved"/>.</summary>
    protected abstract ContentVersions WithSaved(ContentVersions inUse, int saved);
}

/// <summary>The knowledge base's versions, each checked with the customer texts in use.</summary>
public sealed class KnowledgeVersions(ShippedKnowledgeBase shipped, LucineTables tables, KnowledgeCompiler compiler, KnowledgeSource source, TimeProvider clock)
    : DocumentVersions(shipped.Versioned, new DocumentStore(tables, DocumentKind.Knowledge), source, clock)
{
    public override async Task<DocumentCheck> CheckAsync(string document, CancellationToken cancellationToken)
    {
        var inUse = await Source.InUseAsync(cancellationToken);
        return new DocumentCheck(compiler.Check(document, inUse.Knowledge.Templates), inUse);
    }

    protected override ContentVersions WithSaved(ContentVersions inUse, int saved) => inUse with { Knowledge = saved };
}

/// <summary>
/// The customer texts' versions, each checked with the knowledge base in use (the texts cite its
/// facts): every key present in both languages, no unknown placeholder, and a text's own
/// placeholders the shipped text uses kept. Errors are by the texts' own fields (<c>key.it</c>).
/// </summary>
public sealed class TextVersions(ShippedKnowledgeBase shipped, LucineTables tables, KnowledgeCompiler compiler, KnowledgeSource source, TimeProvider clock)
    : DocumentVersions(shipped.Texts, new DocumentStore(tables, DocumentKind.Texts), source, clock)
{
    private const string CompiledPrefix = "templates.";

    public override async Task<DocumentCheck> CheckAsync(string document, CancellationToken cancellationToken)
    {
        var inUse = await Source.InUseAsync(cancellationToken);
        if (KnowledgeCompiler.ReadTexts(document, out var error) is not { } texts)
        {
            return new DocumentCheck(KnowledgeCheck.Unreadable(error!), inUse);
        }

        var compiled = compiler.Compile(inUse.Knowledge.Document, texts);
        var errors = compiled.Errors
            .Select(e => e.Field.StartsWith(CompiledPrefix, StringComparison.Ordinal) ? e with { Field = e.Field[CompiledPrefix.Length..] } : e)
            .Concat(texts.Dropped(shipped.Knowledge.Templates))
            .ToList();
        return new DocumentCheck(new KnowledgeCheck(errors.Count == 0 ? compiled.Knowledge : null, null, errors), inUse);
    }

    protected override ContentVersions WithSaved(ContentVersions inUse, int saved) => inUse with { Texts = saved };
}
