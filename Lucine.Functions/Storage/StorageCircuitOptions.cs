using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Storage;

/// <summary>When storage counts as down, and how soon it is tried again (<see cref="StorageCircuit"/>).</summary>
public sealed class StorageCircuitOptions
{
    public const string Section = "Storage:Circuit";

    /// <summary>Storage requests failing in a row (no answer, a timeout, a server error) that open the circuit.</summary>
    [Range(1, 1000)]
    public int FailuresToOpen { get; set; } = 3;

    /// <summary>How long the open circuit refuses every storage call before it probes storage again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(2);
}
