namespace Lucine.Functions.Decisions;

/// <summary>
/// Outbox rows whose effects were delivered, waiting to be forgotten (deleted): by their aggregate's
/// next commit, in the same transaction and at no cost, or, when none comes within
/// <see cref="OutboxOptions.ForgetAfter"/>, by the dispatcher. A chat's next message comes within
/// seconds, so most rows go with it, and a delete request per delivery is saved. A key is taken by one
/// of them only; if this process stops first, the rows are found as left behind and delivered again
/// (delivery is idempotent), then forgotten.
/// </summary>
public sealed class DeliveredEffects(TimeProvider clock)
{
    private readonly Dictionary<OutboxAddress, Waiting> waiting = [];

    public void Add(OutboxAddress owner, IEnumerable<string> keys)
    {
        lock (waiting)
        {
            if (!waiting.TryGetValue(owner, out var entry))
            {
                entry = new Waiting(clock.GetTimestamp());
                waiting.Add(owner, entry);
            }

            entry.Keys.AddRange(keys);
        }
    }

    /// <summary>The keys an aggregate's commit forgets with its own write; <see cref="Return"/> them if it fails.</summary>
    public IReadOnlyList<string> Take(OutboxAddress owner)
    {
        lock (waiting)
        {
            return waiting.Remove(owner, out var entry) ? entry.Keys : [];
        }
    }

    public void Return(OutboxAddress owner, IReadOnlyList<string> keys)
    {
        if (keys.Count > 0)
        {
            Add(owner, keys);
        }
    }

    /// <summary>What has waited at least <paramref name="delay"/> for a commit that did not come.</summary>
    public IReadOnlyList<(OutboxAddress Owner, IReadOnlyList<string> Keys)> TakeWaitingLongerThan(TimeSpan delay)
    {
        lock (waiting)
        {
            var due = waiting.Where(w => clock.GetElapsedTime(w.Value.Since) >= delay).Select(w => (w.Key, (IReadOnlyList<string>)w.Value.Keys)).ToList();
            due.ForEach(d => waiting.Remove(d.Key));
            return due;
        }
    }

    private sealed class Waiting(long since)
    {
        public long Since { get; } = since;

        public List<string> Keys { get; } = [];
    }
}
