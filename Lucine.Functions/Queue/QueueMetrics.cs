using System.Diagnostics.Metrics;
using Lucine.Functions.Decisions;

namespace Lucine.Functions.Queue;

/// <summary>
/// How long the queue is and how long a queued visitor waited for an operator. The length is the one
/// this instance last read from the queue index (every change of the queue reads it); the wait is
/// recorded from the committed decision that gave a queued chat to an operator, once per chat taken.
/// </summary>
public sealed class QueueMetrics : IDecisionObserver
{
    public const string MeterName = "Lucine.Queue";
    public const string LengthInstrument = "lucine.queue.length";
    public const string WaitInstrument = "lucine.queue.wait";

    private readonly Histogram<double> wait;

    /// <summary>-1 until this instance has read the queue.</summary>
    private int length = -1;

    public QueueMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(LengthInstrument, Length, unit: "{chat}", description: "Chats waiting for an operator, as this instance last read the queue");
        wait = meter.CreateHistogram<double>(WaitInstrument, unit: "s", description: "How long a queued chat waited until an operator took it, by who gave it (routing, operator)");
    }

    /// <summary>The queue as just read: its length is the gauge's value until the next read.</summary>
    public void Read(int queued) => Volatile.Write(ref length, queued);

    public void Committed<TState>(TState? before, IDecision<TState> decision)
        where TState : class
    {
        if (before is SessionState { Status: SessionStatus.Queued, InQueue: { } entry } && decision.State is SessionState { Status: SessionStatus.WithOperator } after)
        {
            var byRouting = decision.Events(AnalyticsEventTypes.QueueAssignmentCompleted).Any();
            wait.Record((after.StatusSince - entry.QueuedAt).TotalSeconds, new KeyValuePair<string, object?>("taken_by", byRouting ? "routing" : "operator"));
        }
    }

    private IEnumerable<Measurement<int>> Length() =>
        Volatile.Read(ref length) is var queued and >= 0 ? [new Measurement<int>(queued)] : [];
}
