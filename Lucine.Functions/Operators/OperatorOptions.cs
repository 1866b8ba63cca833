using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Operators;

public sealed class OperatorOptions
{
    public const string Section = "Operators";

    /// <summary>How long a login lasts.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Concurrent chats of a new operator.</summary>
    [Range(1, 50)]
    public int DefaultCapacity { get; set; } = 5;

    [Range(12, 256)]
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>Failed logins for one username from one address in <see cref="LoginWindow"/> before that pair is refused for the rest of it.</summary>
    [Range(1, 1000)]
    public int LoginFailuresPerPair { get; set; } = 5;

    /// <summary>
    /// Failed logins for a username from all addresses in <see cref="LoginWindow"/> after which each
    /// further attempt waits <see cref="LoginDelay"/>, doubling at every failure up to
    /// <see cref="LoginMaxDelay"/>: a delay, never a lock, so that nobody elsewhere can lock the real
    /// operator out.
    /// </summary>
    [Range(1, 1000)]
    public int LoginFailuresPerUsername { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LoginDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:15:00")]
    public TimeSpan LoginMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Failed logins per client address in <see cref="LoginWindow"/>: higher than per username, since a
    /// whole office may share one address; successful logins never count.
    /// </summary>
    [Range(1, 10000)]
    public int LoginFailuresPerAddress { get; set; } = 30;

    /// <summary>How long an operator may be without any realtime connection before they count as away.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan PresenceGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether presence is swept by this process (standalone) rather than by the host's timer function.</summary>
    public bool RunInBackground { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first admin, created at start when no operator has this username yet. No default password exists.</summary>
    public BootstrapAdmin Bootstrap { get; set; } = new();

    public sealed class BootstrapAdmin
    {
        public string? Username { get; set; }

        public string? Password { get; set; }

        public string? DisplayName { get; set; }
    }
}
