using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Knowledge;

/// <summary>
/// The one place the app asks for the knowledge base (with the customer texts) visitors get now. Each
/// pair of versions is compiled once and kept; the stored pointers (one request for both) are looked at as
/// <see cref="RefreshedVersion{T}"/> says, every <see cref="KnowledgeOptions.RefreshInterval"/>. Whatever goes
/// wrong while looking (storage down, a stored version that no longer compiles with the texts or the
/// knowledge base) keeps the version in use: a visitor never pays for it.
/// </summary>
public sealed partial class KnowledgeSource
{
    private readonly ShippedKnowledgeBase shipped;
    private readonly LucineTables tables;
    private readonly DocumentStore knowledgeStore;
    private readonly DocumentStore textsStore;
    private readonly KnowledgeCompiler compiler;
    private readonly ILogger<KnowledgeSource> logger;
    private readonly RefreshedVersion<Active> inUse;

    /// <summary>Stored versions found not to compile together: not read again until a pointer moves on.</summary>
    private ContentVersions? refused;

    public KnowledgeSource(
        ShippedKnowledgeBase shipped,
        LucineTables tables,
        KnowledgeCompiler compiler,
        TimeProvider clock,
        IOptions<KnowledgeOptions> options,
        ILogger<KnowledgeSource> logger)
    {
        this.shipped = shipped;
        this.tables = tables;
        knowledgeStore = new DocumentStore(tables, DocumentKind.Knowledge);
        textsStore = new DocumentStore(tables, DocumentKind.Texts);
        this.compiler = compiler;
        this.logger = logger;
        inUse = new RefreshedVersion<Active>(
            new Active(new ContentVersions(0, 0), shipped.Knowledge),
            LookAsync,
            (version, other) => version.Versions.IsNewerThan(other.Versions),
            (seen, e) => LogCheckFailed(logger, seen.Versions.Knowledge, seen.Versions.Texts, e.Message),
            clock,
            options.Value.RefreshInterval);
    }

    public async ValueTask<KnowledgeBase> CurrentAsync(CancellationToken cancellationToken) => (await InUseAsync(cancellationToken)).Knowledge;

    /// <summary>The knowledge base in use with the versions of the document and of the texts it was compiled from.</summary>
    public ValueTask<Active> InUseAsync(CancellationToken cancellationToken) => inUse.CurrentAsync(cancellationToken);

    /// <summary>Versions this instance has just saved: used from now on, without waiting for the next look.</summary>
    public void Activate(ContentVersions versions, KnowledgeBase knowledge) => inUse.Activate(new Active(versions, knowledge));

    private async Task<Active> LookAsync(Active seen)
    {
        using var scope = StorageScope.Enter(StorageScope.Knowledge);
        var versions = await DocumentStore.CurrentVersionsAsync(tables, CancellationToken.None);
        return versions != seen.Versions && versions != refused ? await LoadAsync(versions, seen) ?? seen : seen;
    }

    private async Task<Active?> LoadAsync(ContentVersions versions, Active seen)
    {
        if (versions == new ContentVersions(0, 0))
        {
            return new Active(versions, shipped.Knowledge);
        }

        // Only the document whose pointer moved is read again.
        var knowledgeMoved = versions.Knowledge != seen.Versions.Knowledge;
        var textsMoved = versions.Texts != seen.Versions.Texts;
        var document = knowledgeMoved ? await ReadAsync(knowledgeStore, versions.Knowledge, shipped.Versioned) : null;
        var textsDocument = textsMoved ? await ReadAsync(textsStore, versions.Texts, shipped.Texts) : null;
        var texts = !textsMoved ? seen.Knowledge.Templates : textsDocument is null ? null : KnowledgeCompiler.ReadTexts(textsDocument, out _);
        var check = texts is null || (knowledgeMoved && document is null) ? null
            : document is null ? compiler.Compile(seen.Knowledge.Document, texts)
            : compiler.Check(document, texts);
        if (check?.Knowledge is { } knowledge)
        {
            return new Active(versions, knowledge);
        }

        refused = versions;
        LogRefused(logger, versions.Knowledge, versions.Texts, seen.Versions.Knowledge, seen.Versions.Texts,
            check is null ? "a version is not stored or the texts cannot be read" : string.Join("; ", check.Errors));
        return null;
    }

    private static async Task<string?> ReadAsync(DocumentStore store, int version, VersionedKnowledge shippedVersion) =>
        version == 0 ? shippedVersion.Document : (await store.ReadAsync(version, CancellationToken.None))?.Document;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for new knowledge base or texts versions ({Reason}); knowledge base version {Version} with texts version {TextsVersion} stays in use.")]
    private static partial void LogCheckFailed(ILogger logger, int version, int textsVersion, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge base version {Version} with texts version {TextsVersion} is current but cannot be used here ({Errors}); knowledge base version {InUse} with texts version {TextsInUse} stays in use. Save a corrected version.")]
    private static partial void LogRefused(ILogger logger, int version, int textsVersion, int inUse, int textsInUse, string errors);

    /// <summary>The knowledge base in use, and the versions it was compiled from.</summary>
    public sealed record Active(ContentVersions Versions, KnowledgeBase Knowledge);
}
