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

    /// <summary>Login attempts allowed per username in <see cref="LoginWindow"/>.</summary>
    [Range(1, 1000)]
    public int LoginAttempts { get; set; } = 5;

    /// <summary>
    /// Login attempts allowed per client address in <see cref="LoginWindow"/>. Raise it when the
    /// whole staff logs in from one office address.
    /// </summary>
    [Range(1, 10000)]
    public int LoginAttemptsPerAddress { get; set; } = 5;

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
