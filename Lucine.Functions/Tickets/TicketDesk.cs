using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>
/// Where tickets are opened (from a chat, a contact form, a customer's message, an operator) and where
/// staff and customer inputs reach them, through the <see cref="DecisionRunner"/>. Opening is idempotent
/// by ticket number, so the chat's outbox may hand the same ticket over twice.
/// </summary>
public sealed class TicketDesk(
    DecisionRunner runner,
    TicketAggregate tickets,
    TicketCounter counter,
    TicketCredentials credentials,
    ParkClock clock,
    IOptions<TicketOptions> options)
{
    public Task<TicketNumber> ReserveNumberAsync(CancellationToken cancellationToken) => counter.NextAsync(cancellationToken);

    /// <summary>Opens a ticket; if one with this number exists already, the result holds it unchanged.</summary>
    /// <param name="marker">The id of what caused it (a provider message id), recognized if it comes again.</param>
    public Task<RunResult<TicketState, TicketDecision>> OpenAsync(TicketDraft draft, CancellationToken cancellationToken, string? marker = null)
    {
        var links = new TicketLinks(credentials.AccessCode(draft.Number), draft.Session is null ? null : credentials.ResumeUrl(draft.Number, clock.Now));

        // A new number is not stored yet: no need to read it first (a repeat conflicts, and is read then).
        return runner.RunAsync(tickets, draft.Number.ToString(), new TicketOpens(draft, links), new RunOptions(MayExist: false, RepeatKey: marker), cancellationToken);
    }

    /// <summary>
    /// The ticket a conversation became: its subject is what the visitor said they need (cut to a line),
    /// its description quotes it whole and points to the transcript, which stays the session's own
    /// messages (linked, not copied).
    /// </summary>
    public async Task OpenFromChatAsync(SessionId session, OpenTicket opened, CancellationToken cancellationToken)
    {
        var transcript = $"Conversazione in chat {session.Value}, messaggi 1–{opened.TranscriptTo} (motivo: {WireNames.Of(opened.Reason)}).";
        var (subject, description) = opened.Need is { } need
            ? (TicketDraft.SubjectFrom(need, options.Value.MaxSubjectLength), $"Richiesta del cliente: «{need}»\n\n{transcript}")
            : ($"Richiesta dalla chat ({WireNames.Of(opened.Reason)})", transcript);
        var opening = await OpenAsync(new TicketDraft(
            opened.Number, opened.Contact, opened.Language, opened.Priority, TicketSource.Chat, subject, description,
            session, opened.TranscriptTo), cancellationToken);
        if (opening.Rejection is { } rejection)
        {
            // Left in the chat's outbox: the next look at the session hands it over again.
            throw new InvalidOperationException($"Ticket {opened.Number} could not be opened from chat {session.Value}: {rejection.Detail}");
        }
    }

    /// <param name="marker">The id of what caused the input (a provider message id): the same one again changes nothing.</param>
    /// <remarks>A resolution carries the link to the rating page, signed here, so that the workflow can put it in the customer's message.</remarks>
    public Task<RunResult<TicketState, TicketDecision>> ApplyAsync(TicketNumber number, TicketInput input, CancellationToken cancellationToken, string? marker = null)
    {
        if (input is TicketStatusSet { Status: TicketStatus.Resolved } resolving)
        {
            input = resolving with { RatingUrl = credentials.RatingUrl(number) };
        }

        return runner.RunAsync(tickets, number.ToString(), input, new RunOptions(RepeatKey: marker), cancellationToken);
    }
}
