using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Storage;

/// <summary>Whether storage calls go to storage.</summary>
public enum StorageCircuitState
{
    /// <summary>They do.</summary>
    Closed,

    /// <summary>Storage failed too many times in a row: every call fails at once.</summary>
    Open,

    /// <summary>Still refusing, while one probe finds out whether storage is back.</summary>
    HalfOpen,
}

/// <summary>
/// Fails fast while Table Storage is down. Every attempt of every table's requests passes here (one
/// circuit per process, in the tables' one client pipeline, inside the client's retries): after
/// <see cref="StorageCircuitOptions.FailuresToOpen"/> outages in a row (no answer, a timeout, a server
/// error; a 404, 409 or 412 is storage answering) the circuit opens, and every storage call fails at once
/// with <see cref="StorageCircuitOpenException"/>, which requests answer as 503 with Retry-After: nobody
/// waits out the request timeout again. The first call after <see cref="StorageCircuitOptions.BreakDuration"/>
/// starts one probe (a point read) in the background and is refused like the others, so no visitor pays
/// for the probe; its answer closes the circuit, its failure keeps it open for another break.
/// </summary>
/// <remarks>
/// Not Polly's breaker: it opens on a failure ratio over a sampling window, so the successes of the
/// moment before an outage keep it closed for the whole window, and a hung storage (one failure per
/// network timeout) may never reach its minimum throughput in a short one. Failures in a row say it.
/// </remarks>
public sealed partial class StorageCircuit : HttpPipelinePolicy
{
    public const string OpenedInstrument = "lucine.storage.circuit.opened";
    public const string ProbesInstrument = "lucine.storage.circuit.probes";
    public const string RefusedInstrument = "lucine.storage.circuit.refused";

    /// <summary>What a refused client is told when nothing says better (no circuit open).</summary>
    private static readonly TimeSpan UsualRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Set on the probe's own async flow: the one call an open circuit lets through.</summary>
    private static readonly AsyncLocal<bool> Probing = new();

    private readonly StorageCircuitOptions options;
    private readonly TimeProvider clock;
    private readonly Func<CancellationToken, Task> probe;
    private readonly ILogger logger;
    private readonly Counter<long> opened;
    private readonly Counter<long> probes;
    private readonly Counter<long> refused;
    private readonly Lock gate = new();
    private StorageCircuitState state;
    private int failuresInARow;
    private string lastFailure = string.Empty;
    private DateTimeOffset openedAt;
    private DateTimeOffset probeAt;

    /// <param name="probe">One cheap storage call whose answer says storage is back.</param>
    public StorageCircuit(StorageCircuitOptions options, TimeProvider clock, IMeterFactory meters, ILogger logger, Func<CancellationToken, Task> probe)
    {
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        this.probe = probe;
        var meter = meters.Create(StorageRequestMeter.MeterName);
        opened = meter.CreateCounter<long>(OpenedInstrument, description: "Times Table Storage failed often enough in a row for its circuit to open");
        probes = meter.CreateCounter<long>(ProbesInstrument, description: "Probes of Table Storage while its circuit was open, by result (answered, failed)");
        refused = meter.CreateCounter<long>(RefusedInstrument, description: "Storage calls refused at once by the open circuit, by the work they were for");
    }

    public StorageCircuitState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>When a client refused for an outage should come back: at the next probe while the circuit is open.</summary>
    public TimeSpan RetryAfter
    {
        get
        {
            lock (gate)
            {
                if (state == StorageCircuitState.Closed)
                {
                    return UsualRetryAfter;
                }

                var seconds = Math.Ceiling((probeAt - clock.GetUtcNow()).TotalSeconds);
                return TimeSpan.FromSeconds(Math.Max(1, seconds));
            }
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Admit();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception e)
        {
            Count(IsOutage(message, e), e.Message);
            throw;
        }

        Count(StorageFailures.IsOutageStatus(message.Response.Status), $"status {message.Response.Status}");
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Admit();
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception e)
        {
            Count(IsOutage(message, e), e.Message);
            throw;
        }

        Count(StorageFailures.IsOutageStatus(message.Response.Status), $"status {message.Response.Status}");
    }

    /// <summary>
    /// What an attempt's exception says about storage: an outage (refused, reset, past the client's network
    /// timeout), or nothing (the caller gave up: null).
    /// </summary>
    private static bool? IsOutage(HttpMessage message, Exception e) => e switch
    {
        OperationCanceledException when message.CancellationToken.IsCancellationRequested => null,
        OperationCanceledException or IOException => true,
        _ when StorageFailures.IsOutage(e) => true,
        _ => null,
    };

    /// <summary>Lets an attempt go to storage, or refuses it at once while the circuit is open (starting the probe when one is due).</summary>
    private void Admit()
    {
        var startProbe = false;
        string reason;
        lock (gate)
        {
            if (state == StorageCircuitState.Closed || (state == StorageCircuitState.HalfOpen && Probing.Value))
            {
                return;
            }

            if (state == StorageCircuitState.Open && clock.GetUtcNow() >= probeAt)
            {
                state = StorageCircuitState.HalfOpen;
                startProbe = true;
            }

            reason = lastFailure;
        }

        if (startProbe)
        {
            _ = Task.Run(ProbeAsync);
        }

        refused.Add(1, new KeyValuePair<string, object?>("scope", StorageScope.Current));
        throw new StorageCircuitOpenException(reason);
    }

    /// <summary>Counts an attempt made with the circuit closed: failures in a row open it, any answer starts the count again.</summary>
    private void Count(bool? outage, string reason)
    {
        if (outage is null)
        {
            return;
        }

        lock (gate)
        {
            // An open circuit is settled by its probe alone, not by calls that left before it opened.
            if (state != StorageCircuitState.Closed)
            {
                return;
            }

            if (outage is false)
            {
                failuresInARow = 0;
                return;
            }

            lastFailure = reason;
            if (++failuresInARow < options.FailuresToOpen)
            {
                return;
            }

            state = StorageCircuitState.Open;
            openedAt = clock.GetUtcNow();
            probeAt = openedAt + options.BreakDuration;
        }

        opened.Add(1);
        LogOpened(logger, options.FailuresToOpen, reason, options.BreakDuration);
    }

    private async Task ProbeAsync()
    {
        using var scope = StorageScope.Enter(StorageScope.Probe);
        Probing.Value = true;
        string? failure = null;
        try
        {
            await probe(CancellationToken.None);
        }
        catch (Exception e) when (StorageFailures.IsOutage(e))
        {
            failure = e.Message;
        }
        catch (Exception e)
        {
            // Storage answered, though not as a probe hoped (a refused credential, say): it is not down.
            LogProbeRefused(logger, e.Message);
        }

        TimeSpan wasOpen;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            wasOpen = now - openedAt;
            if (failure is null)
            {
                state = StorageCircuitState.Closed;
                failuresInARow = 0;
            }
            else
            {
                state = StorageCircuitState.Open;
                lastFailure = failure;
                probeAt = now + options.BreakDuration;
            }
        }

        probes.Add(1, new KeyValuePair<string, object?>("result", failure is null ? "answered" : "failed"));
        if (failure is null)
        {
            LogClosed(logger, wasOpen);
        }
        else
        {
            LogStillFailing(logger, failure, options.BreakDuration);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table Storage failed {Failures} times in a row ({Reason}): its circuit is open, storage calls fail at once for {BreakDuration}, then a probe tries it.")]
    private static partial void LogOpened(ILogger logger, int failures, string reason, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Table Storage still fails ({Reason}): its circuit stays open for {BreakDuration}.")]
    private static partial void LogStillFailing(ILogger logger, string reason, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Table Storage answered the probe: its circuit is closed again, after {WasOpen} open.")]
    private static partial void LogClosed(ILogger logger, TimeSpan wasOpen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table Storage answered the circuit's probe with a refusal ({Reason}); calls go to storage again.")]
    private static partial void LogProbeRefused(ILogger logger, string reason);
}

/// <summary>A storage call refused at once, without reaching storage, because storage keeps failing (<see cref="StorageCircuit"/>).</summary>
public sealed class StorageCircuitOpenException(string lastFailure)
    : Exception($"Table Storage keeps failing (last: {lastFailure}); its circuit is open, so calls are refused until a probe gets an answer.");
