namespace Lucine.Domain.Reports;

/// <summary>
/// The counters of one park-local day (or of a range, once days are merged): what the overview shows.
/// Only numbers and names of things (languages, topics, channels): no person is in here.
/// </summary>
public sealed class DayFigures
{
    public long Conversations { get; set; }

    public long AssistantOnly { get; set; }

    public long Escalated { get; set; }

    public long AbandonedInQueue { get; set; }

    public long ConvertedToTickets { get; set; }

    public Histogram QueueWait { get; set; } = new();

    public Histogram FirstResponse { get; set; } = new();

    public Histogram ChatDuration { get; set; } = new();

    public long TicketsOpened { get; set; }

    public long TicketsResolved { get; set; }

    public Dictionary<string, long> TicketsByChannel { get; set; } = [];

    public Dictionary<string, long> TicketsByPriority { get; set; } = [];

    /// <summary>By priority (wire name): the SLA promises that ended on the day, met or breached.</summary>
    public Dictionary<string, SlaCounts> Sla { get; set; } = [];

    public Satisfaction Csat { get; set; } = new();

    public Dictionary<string, long> Languages { get; set; } = [];

    public Dictionary<string, long> Topics { get; set; } = [];

    public Dictionary<string, long> FallbackReasons { get; set; } = [];

    /// <summary>Questions the assistant answered (or tried to), and those of them it did not know.</summary>
    public long Questions { get; set; }

    public long Unknown { get; set; }

    public void Merge(DayFigures other)
    {
        Conversations += other.Conversations;
        AssistantOnly += other.AssistantOnly;
        Escalated += other.Escalated;
        AbandonedInQueue += other.AbandonedInQueue;
        ConvertedToTickets += other.ConvertedToTickets;
        QueueWait.Merge(other.QueueWait);
        FirstResponse.Merge(other.FirstResponse);
        ChatDuration.Merge(other.ChatDuration);
        TicketsOpened += other.TicketsOpened;
        TicketsResolved += other.TicketsResolved;
        Counts.Merge(TicketsByChannel, other.TicketsByChannel);
        Counts.Merge(TicketsByPriority, other.TicketsByPriority);
        foreach (var (priority, counts) in other.Sla)
        {
            SlaOf(priority).Merge(counts);
        }

        Csat.Merge(other.Csat);
        Counts.Merge(Languages, other.Languages);
        Counts.Merge(Topics, other.Topics);
        Counts.Merge(FallbackReasons, other.FallbackReasons);
        Questions += other.Questions;
        Unknown += other.Unknown;
    }

    public SlaCounts SlaOf(string priority)
    {
        if (!Sla.TryGetValue(priority, out var counts))
        {
            counts = new SlaCounts();
            Sla[priority] = counts;
        }

        return counts;
    }
}

/// <summary>The SLA promises of one priority that ended: met or breached, for each kind of promise.</summary>
public sealed class SlaCounts
{
    public long FirstResponseMet { get; set; }

    public long FirstResponseBreached { get; set; }

    public long ResolutionMet { get; set; }

    public long ResolutionBreached { get; set; }

    public double? FirstResponseMetPercent() => ReportMath.Percent(FirstResponseMet, FirstResponseMet + FirstResponseBreached);

    public double? ResolutionMetPercent() => ReportMath.Percent(ResolutionMet, ResolutionMet + ResolutionBreached);

    public void Merge(SlaCounts other)
    {
        FirstResponseMet += other.FirstResponseMet;
        FirstResponseBreached += other.FirstResponseBreached;
        ResolutionMet += other.ResolutionMet;
        ResolutionBreached += other.ResolutionBreached;
    }
}

/// <summary>Satisfaction ratings: how many, their sum and how many of each score (1 to 5 stars).</summary>
public sealed class Satisfaction
{
    public long Responses { get; set; }

    public long Sum { get; set; }

    public long[] Distribution { get; set; } = new long[5];

    public double? Average() => Responses > 0 ? Math.Round((double)Sum / Responses, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>A first rating adds one; a changed one moves its count from the old score to the new.</summary>
    public void Rate(int score, int? previous)
    {
        if (previous is { } old)
        {
            Sum -= old;
            Distribution[old - 1]--;
        }
        else
        {
            Responses++;
        }

        Sum += score;
        Distribution[score - 1]++;
    }

    public void Merge(Satisfaction other)
    {
        Responses += other.Responses;
        Sum += other.Sum;
        for (var i = 0; i < Distribution.Length; i++)
        {
            Distribution[i] += other.Distribution.Length > i ? other.Distribution[i] : 0;
        }
    }
}

/// <summary>One operator's counters of one day (or of a range).</summary>
public sealed class OperatorFigures
{
    /// <summary>Conversations that ended with this operator in charge.</summary>
    public long Chats { get; set; }

    public Histogram FirstResponse { get; set; } = new();

    public Satisfaction Csat { get; set; } = new();

    public long TicketsResolved { get; set; }

    public void Merge(OperatorFigures other)
    {
        Chats += other.Chats;
        FirstResponse.Merge(other.FirstResponse);
        Csat.Merge(other.Csat);
        TicketsResolved += other.TicketsResolved;
    }
}

public static class Counts
{
    public static void Add(Dictionary<string, long> counts, string key, long by = 1) =>
        counts[key] = counts.GetValueOrDefault(key) + by;

    public static void Merge(Dictionary<string, long> into, Dictionary<string, long> from)
    {
        foreach (var (key, value) in from)
        {
            Add(into, key, value);
        }
    }
}

public static class ReportMath
{
    /// <summary>A share as a percentage with one decimal; null when there is nothing to share.</summary>
    public static double? Percent(long part, long whole) =>
        whole > 0 ? Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>Seconds as reports show them: one decimal.</summary>
    public static double? Seconds(double? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;
}
