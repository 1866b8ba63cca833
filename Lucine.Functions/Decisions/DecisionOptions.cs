using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Decisions;

public sealed class DecisionOptions
{
    public const string Section = "Decisions";

    /// <summary>How many times a run loads and decides again when another writer changed the aggregate first.</summary>
    [Range(1, 100)]
    public int CommitAttempts { get; set; } = 8;
}
