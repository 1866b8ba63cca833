using Lucine.Domain;
using Lucine.Domain.Sessions;
using Lucine.Domain.Tickets;
using Lucine.Functions.Hosting;
using Lucine.Functions.Knowledge;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

/// <summary>The ticket refused the input; nothing was stored.</summary>
public sealed class TicketRejectedException(SessionRejection rejection) : Exception(rejection.Detail)
{
    public SessionRejection Rejection { get; } = rejection;
}

/// <summary>
/// Runs inputs through tickets: load, decide, commit atomically, deliver the effects; on a conflict
/// with another writer, load and decide again. Opening is idempotent by ticket number, so the chat's
/// outbox may hand the same ticket over twice.
/// </summary>
public sealed class TicketDesk(
    TicketStore store,
    CurrentWorkflows workflows,
    TicketDueIndex due,
    TicketCounter counter,
    TicketCredentials credentials,
    TicketOutbox outbox,
    ISessionStore sessions,
    ParkClock clock,
    IOptions<TicketOptions> options)
{
    private const int MaxAttempts = 5;

    /// <summary>A new ticket number, unique across instances (this year's sequence in the park's calendar).</summary>
    public Task<TicketNumber> ReserveNumberAsync(CancellationToken cancellationToken) => counter.NextAsync(clock.Today.Year, cancellationToken);

    /// <summary>Opens a ticket; if one with this number exists already, returns it unchanged.</summary>
    /// <param name="marker">The id of what caused it (a provider message id), recognized if it comes again.</param>
    public async Task<TicketState> OpenAsync(TicketDraft draft, CancellationToken cancellationToken, string? marker = null)
    {
        var workflow = (await workflows.CurrentAsync(cancellationToken)).Tickets;
        var now = clock.Now;
        var links = new TicketLinks(credentials.AccessCode(draft.Number), draft.Session is null ? null : credentials.ResumeUrl(draft.Number, now));
        var decision = workflow.Open(draft, links, now);
        try
        {
            await CommitAsync(workflow, decision, null, null, marker, cancellationToken);
            return decision.State;
        }
        catch (TicketConflictException)
        {
            var existing = await store.LoadAsync(draft.Number, cancellationToken) ?? throw new InvalidOperationException($"Ticket {draft.Number} conflicted but does not exist.");
            return existing.State;
        }
    }

    /// <summary>
    /// The ticket a conversation became: its subject is the visitor's first question, its description
    /// points to the transcript, which stays the session's own messages (linked, not copied).
    /// </summary>
    public async Task OpenFromChatAsync(SessionId session, OpenTicket opened, CancellationToken cancellationToken)
    {
        var page = await sessions.ReadMessagesAsync(session, 0, (int)Math.Min(opened.TranscriptTo, 200), cancellationToken);
        var question = page?.Messages.FirstOrDefault(m => m.Sender == MessageSender.Visitor)?.Text;
        var subject = question is null ? $"Richiesta dalla chat ({WireNames.Of(opened.Reason)})" : TicketDraft.SubjectFrom(question, options.Value.MaxSubjectLength);
        await OpenAsync(new TicketDraft(
            opened.Number, opened.Contact, opened.Language, opened.Priority, TicketSource.Chat, subject,
            $"Conversazione in chat {session.Value}, messaggi 1–{opened.TranscriptTo} (motivo: {WireNames.Of(opened.Reason)}).",
            session, opened.TranscriptTo), cancellationToken);
    }

    /// <summary>
    /// Applies the input <paramref name="prepare"/> builds from the current state (null: nothing to do).
    /// Returns the decision (a rejected one changed nothing), or null when there is no such ticket.
    /// </summary>
    /// <param name="marker">The id of what caused the input (a provider message id): the same one again changes nothing.</param>
    public async Task<TicketDecision?> ApplyAsync(
        TicketNumber number, Func<TicketState, CancellationToken, Task<TicketInput?>> prepare, CancellationToken cancellationToken, string? marker = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var workflow = (await workflows.CurrentAsync(cancellationToken)).Tickets;
            var snapshot = await store.LoadAsync(number, cancellationToken);
            if (snapshot is null)
            {
                return null;
            }

            var leftovers = snapshot.PendingEffects.Where(e => e.StoredAt < clock.Now - options.Value.RedeliveryGrace).ToList();
            await outbox.DeliverAsync(leftovers, cancellationToken);
            if ((marker is not null && await store.HasSeenAsync(number, marker, cancellationToken))
                || await prepare(snapshot.State, cancellationToken) is not { } input)
            {
                return new TicketDecision(snapshot.State, [], []);
            }

            var decision = workflow.Decide(snapshot.State, input, clock.Now);
            if (decision.IsNoChange)
            {
                return decision;
            }

            try
            {
                await CommitAsync(workflow, decision, snapshot.Version, snapshot.IndexedCheck, marker, cancellationToken);
                return decision;
            }
            catch (TicketConflictException) when (attempt < MaxAttempts)
            {
                // Another writer changed the ticket: decide again on what it wrote.
            }
        }
    }

    /// <summary>Applies a fixed input, throwing <see cref="TicketRejectedException"/> when the ticket refuses it.</summary>
    public async Task<TicketDecision?> ApplyAsync(TicketNumber number, TicketInput input, CancellationToken cancellationToken)
    {
        var decision = await ApplyAsync(number, (_, _) => Task.FromResult<TicketInput?>(input), cancellationToken);
        return decision?.Rejection is { } rejection ? throw new TicketRejectedException(rejection) : decision;
    }

    /// <summary>
    /// The sweep's index entry is written before the state that needs it. A decision with effects is
    /// also looked at again once they are overdue, so that an effect whose delivery failed (storage or
    /// realtime down) is handed over again even when the ticket has nothing else due.
    /// </summary>
    private async Task CommitAsync(TicketWorkflow workflow, TicketDecision decision, string? version, DateTimeOffset? indexed, string? marker, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var next = workflow.NextCheck(decision.State);
        if (decision.Effects.Count > 0)
        {
            var recheck = now + options.Value.RedeliveryGrace + TimeSpan.FromSeconds(1);
            next = next is { } check && check < recheck ? check : recheck;
        }

        if (next is { } at && (indexed is not { } current || at < current || current <= now))
        {
            await due.AddAsync(decision.State.Number.ToString(), at, cancellationToken);
            indexed = at;
        }

        var effects = await store.CommitAsync(decision, version, indexed, now, marker, cancellationToken);
        await outbox.DeliverAsync(effects, cancellationToken);
    }
}
