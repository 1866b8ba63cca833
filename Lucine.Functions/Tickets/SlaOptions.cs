using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Tickets;

/// <summary>
/// The ticket service levels: <see cref="SlaPolicy.Default"/>'s targets unless configured, counted in
/// wall-clock time unless business hours are enabled. The rules on targets and hours are the domain's;
/// this class only reports their breaches in configuration terms.
/// </summary>
public sealed class SlaOptions : IValidatableObject
{
    public const string Section = "Sla";

    public TargetsByPriority Targets { get; set; } = new();

    /// <summary>How much of a target may pass before staff is warned, in percent.</summary>
    [Range(50, 99, ErrorMessage = "Sla:WarningPercent must be between 50 and 99.")]
    public int WarningPercent { get; set; } = 80;

    public OpeningHours BusinessHours { get; set; } = new();

    public SlaPolicy ToPolicy() =>
        new(Targets.ToDictionary(), BusinessHours.Enabled ? BusinessHours.ToBusinessHours() : null, WarningPercent / 100.0);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BusinessHours.Enabled)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(BusinessHours.TimeZone, out _))
            {
                return [Failure($"Sla:BusinessHours:TimeZone \"{BusinessHours.TimeZone}\" is not a known time zone (use an IANA name such as \"Europe/Rome\").", nameof(BusinessHours))];
            }

            if (Rejection(() => BusinessHours.ToBusinessHours()) is { } hoursProblem)
            {
                return [Failure("Sla:BusinessHours: " + hoursProblem, nameof(BusinessHours))];
            }
        }

        return Rejection(() => ToPolicy()) is { } targetsProblem ? [Failure("Sla:Targets: " + targetsProblem, nameof(Targets))] : [];
    }

    private static string? Rejection(Func<object> build)
    {
        try
        {
            build();
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static ValidationResult Failure(string message, string member) => new(message, [member]);

    public sealed class TargetsByPriority
    {
        public Target Urgent { get; set; } = Target.Default(TicketPriority.Urgent);

        public Target High { get; set; } = Target.Default(TicketPriority.High);

        public Target Medium { get; set; } = Target.Default(TicketPriority.Medium);

        public Target Low { get; set; } = Target.Default(TicketPriority.Low);

        public Dictionary<TicketPriority, SlaTarget> ToDictionary() => new()
        {
            [TicketPriority.Urgent] = Urgent.ToTarget(),
            [TicketPriority.High] = High.ToTarget(),
            [TicketPriority.Medium] = Medium.ToTarget(),
            [TicketPriority.Low] = Low.ToTarget(),
        };
    }

    public sealed class Target
    {
        public TimeSpan FirstResponse { get; set; }

        public TimeSpan Resolution { get; set; }

        public SlaTarget ToTarget() => new(FirstResponse, Resolution);

        internal static Target Default(TicketPriority priority)
        {
            var target = SlaPolicy.Default.For(priority);
            return new Target { FirstResponse = target.FirstResponse, Resolution = target.Resolution };
        }
    }

    /// <summary>When the staff works. Disabled: SLA targets run day and night.</summary>
    public sealed class OpeningHours
    {
        public bool Enabled { get; set; }

        /// <summary>An IANA time zone: the calendar the hours, weekdays and dates below are read on.</summary>
        public string TimeZone { get; set; } = "Europe/Rome";

        public TimeOnly Opens { get; set; } = new(9, 0);

        public TimeOnly Closes { get; set; } = new(18, 0);

        public List<DayOfWeek> ClosedWeekdays { get; set; } = [];

        public List<DateOnly> ClosedDates { get; set; } = [];

        public BusinessHours ToBusinessHours() =>
            new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone), Opens, Closes, ClosedWeekdays.ToHashSet(), ClosedDates.ToHashSet());
    }
}
