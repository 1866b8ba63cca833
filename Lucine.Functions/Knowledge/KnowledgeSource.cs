using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Knowledge;

/// <summary>
/// The one place the app asks for the knowledge base visitors get now. Each version is compiled once
/// and kept; the stored pointer is looked at again at most every <see cref="KnowledgeOptions.RefreshInterval"/>
/// (concurrent callers share one look), so a version saved on another instance is used within that
/// time, and at once on the instance that saved it. Whatever goes wrong while looking (storage down, a
/// stored version that no longer compiles with this deployment's texts) keeps the version
/// in use: a visitor never pays for it.
/// </summary>
public sealed partial class KnowledgeSource
{
    private readonly ShippedKnowledgeBase shipped;
    private readonly KnowledgeStore store;
    private readonly KnowledgeCompiler compiler;
    private readonly TimeProvider clock;
    private readonly TimeSpan refreshInterval;
    private readonly ILogger<KnowledgeSource> logger;
    private readonly Lock gate = new();
    private Active active;
    private Task<KnowledgeBase>? check;

    /// <summary>Moves on with every activation, so that a look started before one cannot undo it.</summary>
    private int activations;

    /// <summary>A stored version found not to compile: not read again until the pointer moves on.</summary>
    private int? refused;

    public KnowledgeSource(
        ShippedKnowledgeBase shipped,
        KnowledgeStore store,
        KnowledgeCompiler compiler,
        TimeProvider clock,
        IOptions<KnowledgeOptions> options,
        ILogger<KnowledgeSource> logger)
    {
        this.shipped = shipped;
        this.store = store;
        this.compiler = compiler;
        this.clock = clock;
        this.logger = logger;
        refreshInterval = options.Value.RefreshInterval;

        // Not looked at yet: the first caller looks at the pointer.
        active = new Active(0, shipped.Knowledge, DateTimeOffset.MinValue);
    }

    public ValueTask<KnowledgeBase> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (clock.GetUtcNow() < active.CheckedAt + refreshInterval)
            {
                return ValueTask.FromResult(active.Knowledge);
            }

            if (check is not { IsCompleted: false })
            {
                check = CheckAsync(active, activations);
            }

            // One caller giving up must not cancel the look the others wait for.
            return new ValueTask<KnowledgeBase>(check.WaitAsync(cancellationToken));
        }
    }

    /// <summary>A version this instance has just saved: used from now on, without waiting for the next look.</summary>
    public void Activate(int version, KnowledgeBase knowledge)
    {
        lock (gate)
        {
            // Two saves on this instance may finish out of order; versions only grow.
            if (version > active.Version)
            {
                active = new Active(version, knowledge, clock.GetUtcNow());
                activations++;
            }
        }
    }

    private async Task<KnowledgeBase> CheckAsync(Active seen, int activationsSeen)
    {
        using var scope = StorageScope.Enter(StorageScope.Knowledge);
        var found = seen;
        try
        {
            var version = await store.CurrentVersionAsync(CancellationToken.None);
            if (version != seen.Version && version != refused)
            {
                found = await LoadAsync(version, seen) ?? seen;
            }
        }
        catch (Exception e)
        {
            // Whatever the look hit (storage down or slow, a stored row it cannot read), the version
            // in use stays: the callers waiting on this look are visitors.
            LogCheckFailed(logger, seen.Version, e.Message);
        }

        lock (gate)
        {
            if (activations == activationsSeen)
            {
                active = found with { CheckedAt = clock.GetUtcNow() };
            }

            return active.Knowledge;
        }
    }

    private async Task<Active?> LoadAsync(int version, Active seen)
    {
        if (version == 0)
        {
            return new Active(0, shipped.Knowledge, default);
        }

        var stored = await store.ReadAsync(version, CancellationToken.None);
        var check = stored is null ? null : compiler.Check(stored.Document);
        if (check?.Knowledge is { } knowledge)
        {
            return new Active(version, knowledge, default);
        }

        refused = version;
        LogRefused(logger, version, seen.Version, check is null ? "the version is not stored" : string.Join("; ", check.Errors));
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for a new knowledge base version ({Reason}); version {Version} stays in use.")]
    private static partial void LogCheckFailed(ILogger logger, int version, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge base version {Version} is current but cannot be used here ({Errors}); version {InUse} stays in use. Save a corrected version.")]
    private static partial void LogRefused(ILogger logger, int version, int inUse, string errors);

    /// <param name="CheckedAt">When the pointer was last looked at (or the version activated).</param>
    private sealed record Active(int Version, KnowledgeBase Knowledge, DateTimeOffset CheckedAt);
}
