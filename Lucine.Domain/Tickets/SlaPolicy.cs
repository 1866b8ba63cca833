namespace Lucine.Domain.Tickets;

/// <summary>How soon a ticket of one priority must get its first answer, and be resolved.</summary>
public sealed record SlaTarget(TimeSpan FirstResponse, TimeSpan Resolution);

/// <summary>One promise's clock: counting from <see cref="Start"/>, staff is warned at <see cref="WarnAt"/> and the promise is broken at <see cref="DueAt"/>.</summary>
public sealed record SlaWindow(DateTimeOffset Start, DateTimeOffset WarnAt, DateTimeOffset DueAt);

/// <summary>
/// The service levels promised per ticket priority. With business hours the targets count only open
/// time; without them they count wall-clock time. Staff is warned once a fixed share of a target has gone.
/// </summary>
public sealed class SlaPolicy
{
    private readonly IReadOnlyDictionary<TicketPriority, SlaTarget> targets;

    public SlaPolicy(IReadOnlyDictionary<TicketPriority, SlaTarget> targets, BusinessHours? hours, double warningFraction = 0.8)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (warningFraction is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(warningFraction), warningFraction, "The warning must come after the start and before the target.");
        }

        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            if (!targets.TryGetValue(priority, out var target))
            {
                throw new ArgumentException($"No SLA target for {priority} tickets.");
            }

            if (target.FirstResponse <= TimeSpan.Zero || target.Resolution <= TimeSpan.Zero)
            {
                throw new ArgumentException($"The SLA targets of {priority} tickets must be positive (first response {target.FirstResponse}, resolution {target.Resolution}).");
            }

            if (target.FirstResponse > target.Resolution)
            {
                throw new ArgumentException($"The first response target of {priority} tickets ({target.FirstResponse}) is longer than their resolution target ({target.Resolution}).");
            }
        }

        this.targets = targets;
        Hours = hours;
        WarningFraction = warningFraction;
    }

    /// <summary>REFERENCE.md's targets ("ticket system analysis" seed), counted in wall-clock time, warning at 80%.</summary>
    public static SlaPolicy Default { get; } = new(
        new Dictionary<TicketPriority, SlaTarget>
        {
            [TicketPriority.Urgent] = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(4)),
            [TicketPriority.High] = new(TimeSpan.FromHours(1), TimeSpan.FromHours(8)),
            [TicketPriority.Medium] = new(TimeSpan.FromHours(4), TimeSpan.FromHours(24)),
            [TicketPriority.Low] = new(TimeSpan.FromHours(24), TimeSpan.FromHours(72)),
        },
        hours: null);

    /// <summary>Null: targets count wall-clock time.</summary>
    public BusinessHours? Hours { get; }

    public double WarningFraction { get; }

    public SlaTarget For(TicketPriority priority) => targets[priority];

    /// <summary>The clock of a <paramref name="target"/> (one of <see cref="For"/>'s) started at <paramref name="start"/>; all instants in UTC.</summary>
    public SlaWindow Window(DateTimeOffset start, TimeSpan target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(target, TimeSpan.Zero);
        return new SlaWindow(start.ToUniversalTime(), After(start, target * WarningFraction), After(start, target));
    }

    private DateTimeOffset After(DateTimeOffset start, TimeSpan duration) =>
        Hours?.Add(start, duration) ?? (start + duration).ToUniversalTime();
}
