namespace Lucine.Domain.Sessions;

/// <summary>
/// The per-session orchestration: given the state and what happened, what the session becomes, what
/// is said, and what must happen afterwards. Pure and deterministic: the same input twice decides the
/// same, so retries and replays are harmless. Every state but the end carries its next deadline.
/// What it must know from outside (the assistant's answer, a ticket number, an operator's slot) it asks
/// for as a <see cref="Need"/>; the host finds it out and decides again with it in the input.
/// </summary>
/// <remarks>
/// One type in several files, one per kind of input (the visitor's, the operators', the deadlines', the
/// collection of a contact) and the turn they share: each file changes with its own rules.
/// </remarks>
public sealed partial class SessionWorkflow(
    KnowledgeBase knowledge, MessageRatePolicy rate, SessionTimeouts timeouts, QueuePolicy queue, TicketRules tickets, AttachmentPolicy? attachments = null)
{
    private readonly AttachmentPolicy attachments = attachments ?? AttachmentPolicy.Default;

    private readonly KnowledgeBase knowledge = knowledge;
    private readonly MessageRatePolicy rate = rate;
    private readonly QueuePolicy queue = queue;
    private readonly TicketRules tickets = tickets;

    public SessionTimeouts Timeouts { get; } = timeouts;

    public SessionDecision Decide(SessionState state, SessionInput input, DateTimeOffset now)
    {
        var turn = new Turn(state, now);
        var rejection = input switch
        {
            Sessions.VisitorInput { FirstMessageWindow: { } window } when FirstMessageReplay.Refuses(state, window, now) => FirstMessageReplay.Expired,
            Sessions.VisitorInput or Sessions.VisitorNavigated or Sessions.VisitorRates when rate.RetryAfter(state, now) is { } wait => TooManyMessages(wait),
            VisitorWrote wrote => VisitorWrote(turn, wrote),
            VisitorAttaches attaches => VisitorAttaches(turn, attaches),
            VisitorPressed pressed => VisitorPressed(turn, pressed),
            VisitorResumes resumes => VisitorResumes(turn, resumes),
            VisitorNavigated navigated => VisitorNavigated(turn, navigated),
            VisitorRates rates => VisitorRates(turn, rates),
            OperatorInput acting => OperatorActs(turn, acting),
            DeadlineReached reached => DeadlineReached(turn, reached),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown session input."),
        };

        return rejection is not null ? SessionDecision.Reject(state, rejection)
            : turn.Need is { } need ? SessionDecision.Needs(state, need)
            : Settle(state, turn);
    }

    /// <summary>A flood must not cost an answer per message: refused before anything is asked of the assistant.</summary>
    private static Rejection TooManyMessages(TimeSpan wait) =>
        new(RejectionKind.TooManyRequests, "too-many-messages",
            $"This conversation allows a limited number of messages per minute; retry in {Math.Ceiling(wait.TotalSeconds)} seconds.")
        {
            RetryAfter = wait,
        };

    private void End(Turn turn, SessionOutcome outcome, string messageKey, string endedBy) =>
        EndWith(turn, outcome, endedBy, Text(turn, messageKey));

    private static void EndWith(Turn turn, SessionOutcome outcome, string endedBy, string message)
    {
        turn.Enter(SessionStatus.Ended);
        var state = turn.State;
        turn.Effects.Add(new ConversationEnded(outcome, state.StartedAt, turn.Now, state.Operator, state.Language, state.Context?.Visitor));
        turn.State = state with
        {
            Outcome = outcome, Operator = null, LastOperator = state.Operator?.Username, InQueue = null, OperatorHasAnswered = false, Contact = null,
            Ratable = RatableEnd(state, outcome, endedBy, turn.Now),
        };
        // What the reports need to class the conversation, without reading anything else.
        turn.Record(
            AnalyticsEventTypes.ChatEnded,
            ("outcome", WireNames.Of(outcome)),
            ("ended_by", endedBy),
            ("language", (state.Language ?? Domain.Language.Italian).Code()),
            ("operator", state.Operator?.Username ?? ""),
            ("reached_operator", state.ReachedOperator ? "true" : "false"),
            ("queued", state.WasQueued ? "true" : "false"),
            ("duration_seconds", Number((int)(turn.Now - state.StartedAt).TotalSeconds)));
        turn.Add(MessageSender.System, message);
    }

    private void CountVisitorInput(Turn turn, VisitorInput input)
    {
        var state = turn.State.IsEnded ? Restart(turn.State, turn.Now) : turn.State;
        turn.State = rate.Count(state, turn.Now) with { LastVisitorAt = turn.Now, Context = state.Context ?? input.Context };
    }

    /// <summary>
    /// A new conversation in the same session: nothing of the old one carries over but the numbering
    /// of messages, the language, the rate window, the attachments' budget, the ticket it became, and the visitor's context and
    /// last words (the same person, on the same page).
    /// </summary>
    private static SessionState Restart(SessionState state, DateTimeOffset now) => SessionState.Start(state.Id, now) with
    {
        LastSequence = state.LastSequence,
        Language = state.Language,
        RateWindowStartedAt = state.RateWindowStartedAt,
        MessagesInWindow = state.MessagesInWindow,
        Ticket = state.Ticket,
        Context = state.Context,
        Attachments = state.Attachments,
        LastVisitorWords = state.LastVisitorWords,
    };

    /// <summary>
    /// What every transition implies, in one place: the deadline of the new state, the activity time,
    /// and the effects that keep the queue, the operators' capacity and the participants in step.
    /// </summary>
    private SessionDecision Settle(SessionState before, Turn turn)
    {
        var state = turn.State;
        if (turn.Messages.Count > 0)
        {
            state = state with { LastActivityAt = turn.Now };
        }

        state = state with { Deadline = Timeouts.For(state) };
        var effects = new List<Effect>(turn.Effects);
        var statusChanged = state.Status != before.Status;
        var previous = before.Operator is { } old && old.Username != state.Operator?.Username ? old : null;
        // Exchanges with the assistant alone are answered in the HTTP response: nobody else needs them.
        var othersInvolved = statusChanged || previous is not null
            || (turn.Messages.Count > 0 && (state.Operator is not null || state.Status == SessionStatus.Queued));
        if (othersInvolved)
        {
            effects.Add(new PublishUpdate(state.Status, statusChanged, state.Operator, previous, turn.Messages)
            {
                NewOperator = state.Operator is { } now && now.Username != before.Operator?.Username,
            });
        }

        var visitorWords = turn.VisitorWords;
        if (state.InQueue != before.InQueue || (state.InQueue is not null && visitorWords is not null))
        {
            effects.Add(new QueueMoved(state.InQueue, visitorWords ?? state.LastVisitorWords));
        }

        if (previous is not null)
        {
            effects.Add(new ReleaseOperator(previous.Username));
        }

        return new SessionDecision(state, turn.Messages, effects);
    }

    private static Language Language(Turn turn) => turn.State.Language ?? Domain.Language.Italian;

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private SmartAction Button(Turn turn, VisitorCommand command, string labelKey) => SmartAction.Command(command, Text(turn, labelKey));

    private string Text(Turn turn, string key) => Render(turn, key, _ => null);

    private string Render(Turn turn, string key, Func<string, string?> own)
    {
        var language = Language(turn);
        return knowledge.Templates.Render(key, language, name => own(name) ?? knowledge.Fact(name, language));
    }

}
