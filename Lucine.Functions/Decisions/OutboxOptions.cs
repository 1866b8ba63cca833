using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Decisions;

public sealed class OutboxOptions : IValidatableObject
{
    public const string Section = "Outbox";

    /// <summary>Attempts to deliver a batch of effects before leaving it for a later load of its sessions.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; it doubles at each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How old an undelivered effect must be before a request that finds it hands it to the dispatcher
    /// again: younger ones are still on their way from the commit that wrote them.
    /// </summary>
    public TimeSpan RedeliveryGrace { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 100)]
    public int MaxEffectsPerDispatch { get; set; } = 100;

    /// <summary>
    /// How long a delivered effect's row waits for its aggregate's next commit to delete it at no cost,
    /// before the dispatcher deletes it; 0 deletes it right after delivery. Shorter than <see cref="RedeliveryGrace"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A row waiting to be forgotten must not look left behind: it would be delivered again for nothing.
        if (ForgetAfter >= RedeliveryGrace)
        {
            yield return new ValidationResult("Outbox:ForgetAfter must be shorter than Outbox:RedeliveryGrace.", [nameof(ForgetAfter), nameof(RedeliveryGrace)]);
        }
    }
}
