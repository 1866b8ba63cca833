namespace Lucine.Functions.Decisions;

/// <summary>
/// Serialises the runs of one aggregate inside this process, so that concurrent messages of a visitor
/// (or actions on one ticket) queue up instead of colliding on the ETag and being decided (and
/// answered) again. Across processes the ETag check still decides; this only makes the common case cheap.
/// </summary>
public sealed class AggregateLocks
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                entries.Add(key, entry);
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Release(this, key, entry);
    }

    private void Leave(string key, Entry entry)
    {
        lock (entries)
        {
            if (--entry.Users == 0)
            {
                entries.Remove(key);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Release(AggregateLocks owner, string key, Entry entry) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                entry.Gate.Release();
                owner.Leave(key, entry);
            }
        }
    }
}
