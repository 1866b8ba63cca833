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
/// are told about. Like the knowledge base, the stored pointer is looked at again at most every
/// <see cref="KnowledgeOptions.RefreshInterval"/>, a save is used at once on the instance that made it,
/// and a failed look keeps the schedule in use.
/// </summary>
public sealed partial class Seasons(
    ShippedSeasons shipped, LucineTables tables, ParkClock park, TimeProvider clock, IOptions<KnowledgeOptions> options, ILogger<Seasons> logger)
{
    private readonly DocumentStore store = new(tables, DocumentKind.Seasons);
    private readonly Lock gate = new();
    private VersionedSeasons active = shipped.Versioned;
    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;
    private Task<VersionedSeasons>? look;

    /// <summary>The seasons as a visitor sees them today, in the park's time zone.</summary>
    public async ValueTask<SeasonView> TodayAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Schedule.On(park.Today);

    /// <summary>What staff must be told today: no season set ahead (see <see cref="SeasonSchedule.WarningOn"/>).</summary>
    public async ValueTask<SeasonWarning?> WarningAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Schedule.WarningOn(park.Today);

    public ValueTask<VersionedSeasons> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (clock.GetUtcNow() < checkedAt + options.Value.RefreshInterval)
            {
                return ValueTask.FromResult(active);
            }

            // Concurrent callers share one look; one of them giving up does not cancel it for the others.
            look = look is { IsCompleted: false } ? look : LookAsync(active);
            return new ValueTask<VersionedSeasons>(look.WaitAsync(cancellationToken));
        }
    }

    private async Task<VersionedSeasons> LookAsync(VersionedSeasons seen)
    {
        var found = seen;
        try
        {
            using var scope = StorageScope.Enter(StorageScope.Knowledge);
            var version = await store.CurrentVersionAsync(CancellationToken.None);
            if (version != seen.Version.Number)
            {
                found = await ReadAsync(version, CancellationToken.None) ?? seen;
            }
        }
        catch (Exception e)
        {
            // Storage down or a row this version cannot read: visitors keep the seasons in use.
            LogCheckFailed(logger, seen.Version.Number, e.Message);
        }

        lock (gate)
        {
            if (found.Version.Number > active.Version.Number)
            {
                active = found;
            }

            checkedAt = clock.GetUtcNow();
            return active;
        }
    }

    /// <summary>A version with its seasons; null when there is no such version.</summary>
    public async Task<VersionedSeasons?> ReadAsync(int version, CancellationToken cancellationToken) =>
        version == 0 ? shipped.Versioned
        : await store.ReadAsync(version, cancellationToken) is { } stored ? new VersionedSeasons(stored.Version, SeasonScheduleRequest.Read(stored.Document))
        : null;

    /// <summary>Versions older than <paramref name="before"/> (null: all), newest first; the configured season comes last.</summary>
    public async Task<IReadOnlyList<KnowledgeVersion>> ListAsync(int? before, int limit, CancellationToken cancellationToken)
    {
        var saved = await store.ListAsync(before, limit, cancellationToken);
        return saved.Count < limit && before is not 0 ? [.. saved, shipped.Versioned.Version] : saved;
    }

    /// <exception cref="KnowledgeSaveConflictException">Not the expected version, or another save won; nothing was stored.</exception>
    public async Task<VersionedSeasons> SaveAsync(SeasonSchedule schedule, string savedBy, int? expectedVersion, CancellationToken cancellationToken)
    {
        var version = await store.SaveAsync(SeasonScheduleRequest.Document(schedule), savedBy, clock.GetUtcNow(), expectedVersion, null, cancellationToken);
        var saved = new VersionedSeasons(version, schedule);
        lock (gate)
        {
            // Two saves on this instance may finish out of order; versions only grow.
            if (version.Number > active.Version.Number)
            {
                active = saved;
                checkedAt = clock.GetUtcNow();
            }
        }

        return saved;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for a new season schedule ({Reason}); version {Version} stays in use.")]
    private static partial void LogCheckFailed(ILogger logger, int version, string reason);
}
