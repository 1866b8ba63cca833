using System.Text;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Knowledge;

/// <summary>A season schedule version: 0 is the configuration's season, the others were saved by an admin.</summary>
public sealed record VersionedSeasons(KnowledgeVersion Version, SeasonSchedule Schedule);

/// <summary>The configured season (<see cref="SeasonOptions"/>) as version 0: what is used until an admin saves a schedule. Checked at start.</summary>
public sealed class ShippedSeasons
{
    public ShippedSeasons(IOptions<SeasonOptions> options)
    {
        var schedule = new SeasonSchedule([options.Value.ToCalendar()]);
        var problems = schedule.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The season configuration ({SeasonOptions.Section}) is not valid:{Environment.NewLine}  - " +
                string.Join(Environment.NewLine + "  - ", problems.Select(p => p.Message)));
        }

        var document = SeasonScheduleRequest.Document(schedule);
        Versioned = new VersionedSeasons(new KnowledgeVersion(0, null, null, Encoding.UTF8.GetByteCount(document)), schedule);
    }

    public VersionedSeasons Versioned { get; }
}

/// <summary>
/// The seasons admins set, with their history, and the one place the app asks which season visitors
/// are told about. Like the knowledge base, the stored pointer is looked at as <see cref="RefreshedVersion{T}"/>
/// says, every <see cref="KnowledgeOptions.RefreshInterval"/>: a save is used at once on the instance that
/// made it, and a failed look keeps the schedule in use.
/// </summary>
public sealed partial class Seasons
{
    private readonly ShippedSeasons shipped;
    private readonly DocumentStore store;
    private readonly ParkClock park;
    private readonly TimeProvider clock;
    private readonly RefreshedVersion<VersionedSeasons> inUse;

    public Seasons(ShippedSeasons shipped, LucineTables tables, ParkClock park, TimeProvider clock, IOptions<KnowledgeOptions> options, ILogger<Seasons> logger)
    {
        this.shipped = shipped;
        store = new DocumentStore(tables, DocumentKind.Seasons);
        this.park = park;
        this.clock = clock;
        inUse = new RefreshedVersion<VersionedSeasons>(
            shipped.Versioned,
            LookAsync,
            (version, other) => version.Version.Number > other.Version.Number,
            (seen, e) => LogCheckFailed(logger, seen.Version.Number, e.Message),
            clock,
            options.Value.RefreshInterval);
    }

    /// <summary>The seasons as a visitor sees them today, in the park's time zone.</summary>
    public async ValueTask<SeasonView> TodayAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Schedule.On(park.Today);

    /// <summary>What staff must be told today: no season set ahead (see <see cref="SeasonSchedule.WarningOn"/>).</summary>
    public async ValueTask<SeasonWarning?> WarningAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Schedule.WarningOn(park.Today);

    public ValueTask<VersionedSeasons> CurrentAsync(CancellationToken cancellationToken) => inUse.CurrentAsync(cancellationToken);

    private async Task<VersionedSeasons> LookAsync(VersionedSeasons seen)
    {
        using var scope = StorageScope.Enter(StorageScope.Knowledge);
        var version = await store.CurrentVersionAsync(CancellationToken.None);
        return version == seen.Version.Number ? seen : await ReadAsync(version, CancellationToken.None) ?? seen;
    }

    /// <summary>A version with its seasons; null when there is no such version.</summary>
    public async Task<VersionedSeasons?> ReadAsync(int version, CancellationToken cancellationToken) =>
        version == 0 ? shipped.Versioned
        : await store.ReadAsync(version, cancellationToken) is { } stored ? new VersionedSeasons(stored.Version, SeasonScheduleRequest.Read(stored.Document))
        : null;

    /// <summary>Versions older than <paramref name="before"/> (null: all), newest first; the configured season comes last.</summary>
    public Task<IReadOnlyList<KnowledgeVersion>> ListAsync(int? before, int limit, CancellationToken cancellationToken) =>
        store.ListWithShippedAsync(shipped.Versioned.Version, before, limit, cancellationToken);

    /// <exception cref="KnowledgeSaveConflictException">Not the expected version, or another save won; nothing was stored.</exception>
    public async Task<VersionedSeasons> SaveAsync(SeasonSchedule schedule, string savedBy, int? expectedVersion, CancellationToken cancellationToken)
    {
        var version = await store.SaveAsync(SeasonScheduleRequest.Document(schedule), savedBy, clock.GetUtcNow(), expectedVersion, null, cancellationToken);
        var saved = new VersionedSeasons(version, schedule);
        inUse.Activate(saved);
        return saved;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for a new season schedule ({Reason}); version {Version} stays in use.")]
    private static partial void LogCheckFailed(ILogger logger, int version, string reason);
}
