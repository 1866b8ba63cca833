using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Privacy;

/// <summary>
/// When personal data is due to go, in durable due indexes (the <c>Deadlines</c> table, one partition
/// per kind, RowKey = due ticks + id): written once when a conversation ends or a ticket closes, so
/// that a retention run reads only what is due and never scans the sessions or the tickets.
/// </summary>
public sealed class RetentionSchedule(LucineTables tables, IOptions<PrivacyOptions> options)
{
    /// <summary>A conversation's page and referrer, <see cref="RetentionPeriods.Addresses"/> after it ended.</summary>
    public DueIndex Contexts { get; } = new(tables.Deadlines, "forget-context");

    /// <summary>A chat's transcript, <see cref="RetentionPeriods.Transcripts"/> after it ended.</summary>
    public DueIndex Sessions { get; } = new(tables.Deadlines, "forget-session");

    /// <summary>A ticket with its notifications and chat, <see cref="RetentionPeriods.Tickets"/> after it closed.</summary>
    public DueIndex Tickets { get; } = new(tables.Deadlines, "forget-ticket");

    private RetentionPeriods Periods => options.Value.Retention;

    public async Task ConversationEndedAsync(SessionId session, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        await Contexts.AddAsync(session.Value, endedAt + Periods.Addresses, cancellationToken);
        await Sessions.AddAsync(session.Value, endedAt + Periods.Transcripts, cancellationToken);
    }

    public Task TicketClosedAsync(TicketNumber ticket, DateTimeOffset closedAt, CancellationToken cancellationToken) =>
        Tickets.AddAsync(ticket.ToString(), closedAt + Periods.Tickets, cancellationToken);
}
