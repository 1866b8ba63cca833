using Lucine.Functions.BlindSpots;
using Lucine.Functions.Chat;
using Lucine.Functions.History;
using Lucine.Functions.Hosting;
using Lucine.Functions.Notifications;
using Lucine.Functions.Storage;
using Lucine.Functions.Tickets;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Privacy;

/// <summary>What one retention run removed or anonymised, for the invocation log and the benchmark.</summary>
public sealed record RetentionResult(SweepResult Sessions, SweepResult Places, SweepResult Tickets, int AnalyticsEvents, int HistoryRows, int Counters, int SinkMessages, int Erasures)
{
    /// <summary>Blind-spot groups whose oldest examples were dropped.</summary>
    public int BlindSpotGroups { get; init; }

    /// <summary>Markers of events counted long ago (reports, blind spots), which no redelivery can need any more.</summary>
    public int EventMarkers { get; init; }

    public override string ToString() =>
        $"sessions: {Sessions}; places: {Places}; tickets: {Tickets}; analytics events {AnalyticsEvents}, history rows {HistoryRows}, counters {Counters}, sink messages {SinkMessages}, blind-spot groups {BlindSpotGroups}, event markers {EventMarkers}, erasures finished {Erasures}";
}

/// <summary>
/// One retention run (timer <c>ApplyRetention</c>): reads only what is due, in bounded batches
/// (<see cref="RetentionPeriods.MaxPerRun"/> per kind): the due indexes of sessions, places and tickets;
/// the oldest day partitions of analytics, history and rate-limit counters; the oldest end of the sink;
/// the markers of events counted more than <see cref="RetentionPeriods.EventMarkers"/> ago.
/// A backlog is worked off run after run. It also takes up erasures a crash left unfinished.
/// </summary>
public sealed partial class RetentionRun(
    RetentionSchedule schedule,
    PersonalData data,
    ErasureJobs erasures,
    ISessionStore sessions,
    TicketStore tickets,
    ConversationIndex conversations,
    LocalSink sink,
    BlindSpotInbox blindSpots,
    LucineTables tables,
    IOptions<PrivacyOptions> options,
    TimeProvider clock,
    ILogger<RetentionRun> logger)
{
    public const string Timer = "ApplyRetention";

    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = StorageScope.Enter(StorageScope.Retention);
        var periods = options.Value.Retention;
        var max = periods.MaxPerRun;
        var now = clock.GetUtcNow();

        var erased = await erasures.ResumeAsync(max, cancellationToken);
        var places = await schedule.Contexts.SweepAsync(
            now, max, (entry, token) => ForgetChatAsync(entry, schedule.Contexts, now, periods.Addresses, _ => true, (state, t) => data.ForgetPlacesAsync(state.Id, t), token), Failed, cancellationToken);

        // A chat that became a ticket is the ticket's transcript: it goes with the ticket.
        var chats = await schedule.Sessions.SweepAsync(
            now, max, (entry, token) => ForgetChatAsync(entry, schedule.Sessions, now, periods.Transcripts, state => state.Ticket is null, data.ForgetSessionAsync, token), Failed, cancellationToken);
        var closed = await schedule.Tickets.SweepAsync(now, max, (entry, token) => ForgetTicketAsync(entry, now, periods.Tickets, token), Failed, cancellationToken);
        var analytics = await tables.Analytics.DeletePartitionsBeforeAsync(WindowCounter.Day(now - periods.AnalyticsEvents), max, cancellationToken);
        var history = await conversations.ForgetDaysBeforeAsync(DateOnly.FromDateTime((now - periods.Transcripts).UtcDateTime), max, cancellationToken);
        var counters = await tables.Throttle.DeletePartitionsBeforeAsync(WindowCounter.Day(now - periods.Addresses), max, cancellationToken);
        var sent = await sink.ForgetBeforeAsync(now - periods.Sink, max, cancellationToken);
        // The inbox's examples are visitors' words: they go with the conversations they came from.
        var examples = await blindSpots.ForgetOldExamplesAsync(max, cancellationToken);
        var markers = await EventMarkers.PruneAsync(tables.Reports, now - periods.EventMarkers, max, cancellationToken)
            + await EventMarkers.PruneAsync(tables.BlindSpots, now - periods.EventMarkers, max, cancellationToken);
        return new RetentionResult(chats, places, closed, analytics, history, counters, sent, erased) { BlindSpotGroups = examples, EventMarkers = markers };
    }

    /// <summary>
    /// A conversation's data whose period may have ended: an ended session that <paramref name="applies"/>
    /// (gone, or taken up again: its next end indexes it again), past <paramref name="period"/> after its last activity.
    /// </summary>
    private async Task<SweepStep> ForgetChatAsync(
        IndexedDeadline entry, DueIndex index, DateTimeOffset now, TimeSpan period, Func<SessionState, bool> applies, Func<SessionState, CancellationToken, Task> forget, CancellationToken cancellationToken)
    {
        if (!SessionId.TryParse(entry.Subject, out var id) || await sessions.ReadStateAsync(id, cancellationToken) is not { Status: SessionStatus.Ended } state || !applies(state))
        {
            return SweepStep.Nothing;
        }

        if (await LaterAsync(index, entry, state.LastActivityAt + period, now, cancellationToken))
        {
            return SweepStep.Rescheduled;
        }

        await forget(state, cancellationToken);
        return SweepStep.Fired;
    }

    private async Task<SweepStep> ForgetTicketAsync(IndexedDeadline entry, DateTimeOffset now, TimeSpan period, CancellationToken cancellationToken)
    {
        if (!TicketNumber.TryParse(entry.Subject, out var number) || await tickets.ReadStateAsync(number, cancellationToken) is not { IsOpen: false } state)
        {
            // Gone, or reopened: its next closing indexes it again.
            return SweepStep.Nothing;
        }

        if (await LaterAsync(schedule.Tickets, entry, state.UpdatedAt + period, now, cancellationToken))
        {
            return SweepStep.Rescheduled;
        }

        await data.ForgetTicketAsync(state, cancellationToken);
        return SweepStep.Fired;
    }

    /// <summary>The subject changed after this entry was written (a later end, a later change): wait for its own time.</summary>
    private static async Task<bool> LaterAsync(DueIndex index, IndexedDeadline entry, DateTimeOffset due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (due <= now)
        {
            return false;
        }

        await index.AddAsync(entry.Subject, due, cancellationToken);
        return true;
    }

    private void Failed(IndexedDeadline entry, Exception exception) => LogFailed(logger, entry.Subject, exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention of {Subject} failed; the next run retries.")]
    private static partial void LogFailed(ILogger logger, string subject, Exception exception);
}

/// <summary>The retention timer as a loop of this process (standalone).</summary>
public sealed class RetentionLoop(RetentionRun run, IOptions<PrivacyOptions> options, IOptionsMonitor<TimerSchedule> schedules, TimeProvider clock, ILogger<RetentionLoop> logger)
    : PeriodicWork(RetentionRun.Timer, schedules, clock, logger)
{
    protected override bool Enabled => options.Value.RunInBackground;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => run.RunOnceAsync(cancellationToken);
}
