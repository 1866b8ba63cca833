using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Knowledge;

/// <summary>
/// The one place the app asks for the knowledge base (with the customer texts) visitors get now. Each
/// pair of versions is compiled once and kept; the stored pointers (one request for both) are looked at again at most every <see cref="KnowledgeOptions.RefreshInterval"/>
/// (concurrent callers share one look), so a version saved on another instance is used within that
/// time, and at once on the instance that saved it. Whatever goes wrong while looking (storage down, a
/// stored version that no longer compiles with the texts or the knowledge base) keeps the version
/// in use: a visitor never pays for it.
/// </summary>
public sealed partial class KnowledgeSource
{
    private readonly ShippedKnowledgeBase shipped;
    private readonly LucineTables tables;
    private readonly DocumentStore knowledgeStore;
    private readonly DocumentStore textsStore;
    private readonly KnowledgeCompiler compiler;
    private readonly TimeProvider clock;
    private readonly TimeSpan refreshInterval;
    private readonly ILogger<KnowledgeSource> logger;
    private readonly Lock gate = new();
    private Active active;
    private Task<Active>? check;

    /// <summary>Moves on with every activation, so that a look started before one cannot undo it.</summary>
    private int activations;

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
        this.clock = clock;
        this.logger = logger;
        refreshInterval = options.Value.RefreshInterval;

        // Not looked at yet: the first caller looks at the pointer.
        active = new Active(new ContentVersions(0, 0), shipped.Knowledge, DateTimeOffset.MinValue);
    }

    public async ValueTask<KnowledgeBase> CurrentAsync(CancellationToken cancellationToken) => (await InUseAsync(cancellationToken)).Knowledge;

    /// <summary>The knowledge base in use with the versions of the document and of the texts it was compiled from.</summary>
    public ValueTask<Active> InUseAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (clock.GetUtcNow() < active.CheckedAt + refreshInterval)
            {
                return ValueTask.FromResult(active);
            }

            if (check is not { IsCompleted: false })
            {
                check = CheckAsync(active, activations);
            }

            // One caller giving up must not cancel the look the others wait for.
            return new ValueTask<Active>(check.WaitAsync(cancellationToken));
        }
    }

    /// <summary>Versions this instance has just saved: used from now on, without waiting for the next look.</summary>
    public void Activate(ContentVersions versions, KnowledgeBase knowledge)
    {
        lock (gate)
        {
            // Two saves on this instance may finish out of order; versions only grow.
            if (versions.IsNewerThan(active.Versions))
            {
                active = new Active(versions, knowledge, clock.GetUtcNow());
                activations++;
            }
        }
    }

    private async Task<Active> CheckAsync(Active seen, int activationsSeen)
    {
        using var scope = StorageScope.Enter(StorageScope.Knowledge);
        var found = seen;
        try
        {
            var versions = await DocumentStore.CurrentVersionsAsync(tables, CancellationToken.None);
            if (versions != seen.Versions && versions != refused)
            {
                found = await LoadAsync(versions, seen) ?? seen;
            }
        }
        catch (Exception e)
        {
            // Whatever the look hit (storage down or slow, a stored row it cannot read), the version
            // in use stays: the callers waiting on this look are visitors.
            LogCheckFailed(logger, seen.Versions.Knowledge, seen.Versions.Texts, e.Message);
        }

        lock (gate)
        {
            if (activations == activationsSeen)
            {
                active = found with { CheckedAt = clock.GetUtcNow() };
            }

            return active;
        }
    }

    private async Task<Active?> LoadAsync(ContentVersions versions, Active seen)
    {
        if (versions == new ContentVersions(0, 0))
        {
            return new Active(versions, shipped.Knowledge, default);
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
            return new Active(versions, knowledge, default);
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
    /// <param name="CheckedAt">When the pointers were last looked at (or a version activated).</param>
    public sealed record Active(ContentVersions Versions, KnowledgeBase Knowledge, DateTimeOffset CheckedAt);
}
