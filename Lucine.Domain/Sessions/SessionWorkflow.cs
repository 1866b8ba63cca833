using Lucine.Domain.Assistant;
using Lucine.Domain.Decisions;
using Lucine.Domain.Notifications;
using Lucine.Domain.Queue;
using Lucine.Domain.Tickets;

namespace Lucine.Domain.Sessions;

/// <summary>
/// The per-session orchestration: given the state and what happened, what the session becomes, what
/// is said, and what must happen afterwards. Pure and deterministic: the same input twice decides the
/// same, so retries and replays are harmless. Every state but the end carries its next deadline.
/// What it must know from outside (the assistant's answer, a ticket number, an operator's slot) it asks
/// for as a <see cref="Need"/>; the host finds it out and decides again with it in the input.
/// </summary>
public sealed class SessionWorkflow(KnowledgeBase knowledge, MessageRatePolicy rate, SessionTimeouts timeouts, QueuePolicy queue, TicketRules tickets)
{
    public SessionTimeouts Timeouts => timeouts;

    public SessionDecision Decide(SessionState state, SessionInput input, DateTimeOffset now)
    {
        var turn = new Turn(state, now);
        var rejection = input switch
        {
            Sessions.VisitorWrote or Sessions.VisitorPressed when rate.RetryAfter(state, now) is { } wait => TooManyMessages(wait),
            VisitorWrote wrote => VisitorWrote(turn, wrote),
            VisitorPressed pressed => VisitorPressed(turn, pressed),
            VisitorResumes resumes => VisitorResumes(turn, resumes),
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

    private Rejection? VisitorWrote(Turn turn, VisitorWrote wrote)
    {
        CountVisitorInput(turn);
        turn.Add(MessageSender.Visitor, wrote.Text, clientMessageId: wrote.ClientMessageId);
        turn.VisitorWords = wrote.Text;
        switch (turn.State.Status)
        {
            case SessionStatus.Queued:
                return null;
            case SessionStatus.WaitingClient:
            case SessionStatus.Closing:
                // Writing again means the visitor is back, or still needs help: the operator carries on.
                turn.Enter(SessionStatus.WithOperator);
                return null;
            case SessionStatus.WithOperator:
                return null;
            case SessionStatus.CollectingContact:
                CollectContact(turn, ContactCollection.Next(turn.State.Contact!, wrote.Text, null), wrote.NewTicket);
                return null;
        }

        if (wrote.Answer is not { } answer)
        {
            turn.Need = new NeedsAnswer(wrote.Text, turn.State.Language);
            return null;
        }

        turn.State = turn.State with { Language = answer.Language };
        turn.Record(
            AnalyticsEventTypes.ChatMessage,
            [("language", answer.Language.Code()), ("outcome", answer.Outcome.Name()), ("topics", string.Join(',', answer.Topics)), .. answer.Source.Fields()]);

        // Escalation is decided here, by rules the owners can read, never by the answerer alone.
        var analysis = MessageAnalysis.Of(wrote.Text, DateOnly.FromDateTime(turn.Now.UtcDateTime));
        if (Matches(knowledge.TicketRequest, analysis))
        {
            StartCollectingContact(turn, TicketReason.VisitorRequest, Text(turn, TemplateKeys.TicketStart));
            return null;
        }

        var asksForPerson = Matches(knowledge.PersonRequest, analysis);
        var upset = Matches(knowledge.Frustration, analysis);
        if (asksForPerson || upset || answer.Outcome is AnswerOutcome.NotKnown or AnswerOutcome.NeedsHuman)
        {
            var opening = asksForPerson ? null : upset && answer.Outcome != AnswerOutcome.NeedsHuman ? Text(turn, TemplateKeys.EscalationSorry) : answer.Text;
            var offer = Text(turn, TemplateKeys.EscalationOffer);
            turn.Enter(SessionStatus.ConfirmingEscalation);
            turn.Add(MessageSender.Bot, opening is null ? offer : $"{opening}\n\n{offer}",
                [Button(turn, VisitorCommand.RequestOperator, TemplateKeys.RequestOperatorLabel), Button(turn, VisitorCommand.ContinueAi, TemplateKeys.ContinueWithAssistantLabel)]);
            return null;
        }

        turn.Enter(SessionStatus.Bot);
        turn.Add(MessageSender.Bot, answer.Text, answer.Actions);
        return null;
    }

    private Rejection? VisitorPressed(Turn turn, VisitorPressed pressed)
    {
        var status = turn.State.Status;
        var command = pressed.Command;
        var allowed = command switch
        {
            VisitorCommand.RequestOperator => status is SessionStatus.Bot or SessionStatus.ConfirmingEscalation or SessionStatus.CollectingContact or SessionStatus.Ended,
            VisitorCommand.RequestTicket => status is SessionStatus.Bot or SessionStatus.ConfirmingEscalation or SessionStatus.Queued or SessionStatus.Ended,
            VisitorCommand.CancelTicket or VisitorCommand.ContactWhatsapp or VisitorCommand.ContactSms => status == SessionStatus.CollectingContact,
            VisitorCommand.ContinueAi => status is SessionStatus.Bot or SessionStatus.ConfirmingEscalation or SessionStatus.Queued or SessionStatus.Ended,
            VisitorCommand.EndChat => status != SessionStatus.Ended,
            VisitorCommand.ContinueChat => status == SessionStatus.Closing,
            _ => false,
        };
        if (!allowed)
        {
            return Rejection.Conflict("action-not-available", $"'{command.WireName()}' cannot be used while the chat is {WireNames.Of(status)}.");
        }

        CountVisitorInput(turn);
        turn.Add(MessageSender.Visitor, Text(turn, LabelOf(command)), clientMessageId: pressed.ClientMessageId);
        switch (command)
        {
            case VisitorCommand.RequestOperator:
                if (pressed.Routing is not { } routing)
                {
                    turn.Need = new NeedsRouting(Except: null);
                    return null;
                }

                Escalate(turn, routing);
                break;
            case VisitorCommand.ContinueAi:
                var leftQueue = status == SessionStatus.Queued;
                turn.Enter(SessionStatus.Bot);
                turn.Add(MessageSender.Bot, Text(turn, leftQueue ? TemplateKeys.QueueLeft : TemplateKeys.ContinueWithAssistant));
                if (leftQueue)
                {
                    turn.Record(AnalyticsEventTypes.QueueEntryCancelled, ("reason", "visitor_continued_with_assistant"));
                }

                break;
            case VisitorCommand.RequestTicket:
                if (status == SessionStatus.Queued)
                {
                    turn.Record(AnalyticsEventTypes.QueueEntryCancelled, ("reason", "visitor_requested_ticket"));
                }

                StartCollectingContact(turn, TicketReason.VisitorRequest, Text(turn, TemplateKeys.TicketStart));
                break;
            case VisitorCommand.CancelTicket or VisitorCommand.ContactWhatsapp or VisitorCommand.ContactSms:
                CollectContact(turn, ContactCollection.Next(turn.State.Contact!, null, command), pressed.NewTicket);
                break;
            case VisitorCommand.EndChat:
                var outcome = status == SessionStatus.Queued ? SessionOutcome.Cancelled : SessionOutcome.Resolved;
                End(turn, outcome, TemplateKeys.ChatClosed, "visitor");
                break;
            case VisitorCommand.ContinueChat:
                turn.Enter(SessionStatus.WithOperator);
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.ChatResumed));
                break;
        }

        return null;
    }

    /// <summary>The visitor said yes to a person: the reserved operator takes over, or the queue, or nobody is there.</summary>
    private void Escalate(Turn turn, Routing routing)
    {
        if (routing.Reserved is { } reserved)
        {
            turn.Record(AnalyticsEventTypes.EscalationRequest, ("result", "assigned"));
            AssignTo(turn, reserved, TemplateKeys.OperatorJoined);
            turn.Record(AnalyticsEventTypes.QueueAssignmentCompleted, ("operator", reserved.Username), ("waited_seconds", "0"));
            return;
        }

        if (routing.Staffing.OnlineOperators == 0)
        {
            turn.Record(AnalyticsEventTypes.EscalationRequest, ("result", "no_operator_online"));
            StartCollectingContact(turn, TicketReason.NobodyOnline, Text(turn, TemplateKeys.NobodyOnline));
            return;
        }

        var position = routing.Waiting + 1;
        var minutes = queue.EstimatedWaitMinutes(position, routing.Staffing);
        turn.Record(AnalyticsEventTypes.EscalationRequest, ("result", "queued"));
        Enqueue(turn, QueuePriority.Normal);
        turn.Record(AnalyticsEventTypes.QueueEntryAdded, ("position", Number(position)), ("estimated_minutes", Number(minutes)));
        turn.Add(MessageSender.System, Render(turn, TemplateKeys.QueueEntered, name => name switch
        {
            "position" => Number(position),
            "minutes" => Number(minutes),
            _ => null,
        }));
    }

    private Rejection? OperatorActs(Turn turn, OperatorInput input)
    {
        var state = turn.State;
        if (input is OperatorTakes takes)
        {
            return Take(turn, takes);
        }

        var inCharge = state.Operator is { } current && current.Username == input.Operator.Username;
        if (state.Status == SessionStatus.Ended)
        {
            return Rejection.Conflict("chat-ended", "This chat has already ended.");
        }

        if (!inCharge && !input.Supervising)
        {
            return new Rejection(RejectionKind.Forbidden, "not-your-chat", "Only the operator in charge of this chat, or a supervisor, can do this.");
        }

        var withOperator = state.Status is SessionStatus.WithOperator or SessionStatus.WaitingClient or SessionStatus.Closing;
        if (!withOperator && input is not OperatorCloses)
        {
            return Rejection.Conflict("chat-not-with-operator", "This chat has no operator in charge at the moment.");
        }

        switch (input)
        {
            case OperatorWrites writes:
                if (!state.OperatorHasAnswered)
                {
                    turn.Record(AnalyticsEventTypes.OperatorMessageSent, ("operator", writes.Operator.Username),
                        ("first_response_seconds", Number((int)(turn.Now - state.OperatorSince).TotalSeconds)));
                }

                turn.State = turn.State with { OperatorHasAnswered = true };
                turn.Add(MessageSender.Operator, writes.Text, clientMessageId: writes.ClientMessageId, author: writes.Operator.DisplayName);
                return null;
            case OperatorTransfers transfers:
                return Transfer(turn, transfers);
            case OperatorReleases:
                Enqueue(turn, QueuePriority.High);
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.QueueRequeued));
                return null;
            case OperatorAsksToClose:
                if (state.Status == SessionStatus.Closing)
                {
                    return Rejection.Conflict("already-closing", "The visitor was already asked to confirm.");
                }

                // Asking to close is an answer too: the first-response wait must not restart if the visitor needs more help.
                turn.Enter(SessionStatus.Closing);
                turn.State = turn.State with { OperatorHasAnswered = true };
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.CloseRequest),
                    [Button(turn, VisitorCommand.EndChat, TemplateKeys.EndChatLabel), Button(turn, VisitorCommand.ContinueChat, TemplateKeys.ContinueChatLabel)]);
                return null;
            case OperatorCloses { Outcome: SessionOutcome.ConvertedToTicket }:
                return Rejection.Conflict("invalid-outcome", "A chat becomes a ticket when its contact is collected, not by closing it.");
            case OperatorCloses closes:
                turn.Record(AnalyticsEventTypes.OperatorClosedChat, ("operator", closes.Operator.Username), ("outcome", WireNames.Of(closes.Outcome)));
                End(turn, closes.Outcome, TemplateKeys.ChatClosed, "operator");
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown operator input.");
        }
    }

    /// <summary>A queued chat goes to the operator whose slot was reserved for it: routing's choice, or whoever took it by hand.</summary>
    private Rejection? Take(Turn turn, OperatorTakes takes)
    {
        var state = turn.State;
        if (state.Status != SessionStatus.Queued)
        {
            return Rejection.Conflict("chat-not-waiting",
                state.Operator is { } holder ? $"This chat was already taken by {holder.DisplayName}." : "This chat is not waiting for an operator.");
        }

        if (takes.Slot is not { } slot)
        {
            // A manual take may go past "away", but never past capacity.
            turn.Need = new NeedsSlot(takes.Operator.Username, RequireOnline: false);
            return null;
        }

        if (slot is not { Result: Reservation.Reserved, Operator: { } person })
        {
            return slot.Result == Reservation.AtCapacity
                ? Rejection.Conflict("operator-at-capacity", "You already have as many chats as your capacity allows; close or release one first.")
                : Rejection.Conflict("chat-not-waiting", "This chat could not be taken now.");
        }

        var waited = turn.Now - state.InQueue!.QueuedAt;
        AssignTo(turn, person, TemplateKeys.OperatorJoined);
        turn.Record(takes.ByRouting ? AnalyticsEventTypes.QueueAssignmentCompleted : AnalyticsEventTypes.OperatorTookChat,
            ("operator", person.Username), ("waited_seconds", Number((int)waited.TotalSeconds)));
        return null;
    }

    /// <summary>The chat goes to another operator, who must be online with a free slot (reserved for it).</summary>
    private Rejection? Transfer(Turn turn, OperatorTransfers transfers)
    {
        if (turn.State.Operator?.Username == transfers.Target)
        {
            return Rejection.Conflict("same-operator", "The chat is already with this operator.");
        }

        if (transfers.Slot is not { } slot)
        {
            turn.Need = new NeedsSlot(transfers.Target, RequireOnline: true);
            return null;
        }

        if (slot is not { Result: Reservation.Reserved, Operator: { } target })
        {
            return slot.Result == Reservation.Unknown
                ? Rejection.NotFound("operator-not-found", $"There is no operator \"{transfers.Target}\".")
                : Rejection.Conflict("operator-unavailable", $"\"{transfers.Target}\" is not online or has no free capacity.");
        }

        AssignTo(turn, target, TemplateKeys.OperatorTransferred);
        return null;
    }

    private Rejection? DeadlineReached(Turn turn, DeadlineReached reached)
    {
        var state = turn.State;
        if (state.Deadline is not { } deadline || deadline.At > turn.Now)
        {
            return null;
        }

        switch (deadline.Kind)
        {
            case DeadlineKind.AssistantIdle:
                turn.Record(AnalyticsEventTypes.ChatTimeout, ("status", WireNames.Of(state.Status)));
                End(turn, state.Status == SessionStatus.ConfirmingEscalation ? SessionOutcome.Abandoned : SessionOutcome.Resolved, TemplateKeys.ChatEndedIdle, "inactivity");
                break;
            case DeadlineKind.QueueTicketOffer:
                turn.State = turn.State with { DeadlineStage = 1 };
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.QueueTicketOffer), [Button(turn, VisitorCommand.RequestTicket, TemplateKeys.RequestTicketLabel)]);
                break;
            case DeadlineKind.QueuePriorityRaise:
                turn.Record(AnalyticsEventTypes.SlaWarning, ("sla", "queue_wait"));
                turn.State = turn.State with { DeadlineStage = 2, InQueue = state.InQueue! with { Priority = QueuePriority.High } };
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.QueuePriorityRaised));
                break;
            case DeadlineKind.QueueGiveUp:
                turn.Record(AnalyticsEventTypes.SlaViolation, ("sla", "queue_wait"));
                turn.Record(AnalyticsEventTypes.QueueEntryCancelled, ("reason", "queue_timeout"));
                StartCollectingContact(turn, TicketReason.QueueTimeout, Text(turn, TemplateKeys.QueueGaveUp));
                break;
            case DeadlineKind.OperatorFirstResponseAlert:
                turn.Record(AnalyticsEventTypes.SlaWarning, ("sla", "operator_first_response"), ("operator", state.Operator!.Username));
                turn.State = turn.State with { DeadlineStage = 1 };
                turn.Effects.Add(new AlertOperator(state.Operator.Username, OperatorAlerts.FirstResponseDue));
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.OperatorDelayed));
                break;
            case DeadlineKind.OperatorFirstResponseReassign:
                if (reached.Routing is not { } routing)
                {
                    turn.Need = new NeedsRouting(Except: state.Operator!.Username);
                    return null;
                }

                turn.Record(AnalyticsEventTypes.SlaViolation, ("sla", "operator_first_response"), ("operator", state.Operator!.Username));
                if (routing.Reserved is { } next && next.Username != state.Operator.Username)
                {
                    AssignTo(turn, next, TemplateKeys.OperatorTransferred);
                }
                else
                {
                    Enqueue(turn, QueuePriority.High);
                    turn.Add(MessageSender.System, Text(turn, TemplateKeys.QueueRequeued));
                }

                break;
            case DeadlineKind.VisitorQuiet:
                turn.Enter(SessionStatus.WaitingClient);
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.WaitingClient));
                break;
            case DeadlineKind.VisitorGone:
                turn.Record(AnalyticsEventTypes.ChatTimeout, ("status", WireNames.Of(state.Status)));
                End(turn, SessionOutcome.Abandoned, TemplateKeys.ChatEndedIdle, "inactivity");
                break;
            case DeadlineKind.CloseUnanswered:
                End(turn, SessionOutcome.Resolved, TemplateKeys.ChatClosed, "close_unanswered");
                break;
            case DeadlineKind.ContactAbandoned:
                turn.Record(AnalyticsEventTypes.ChatTimeout, ("status", WireNames.Of(state.Status)));
                End(turn, SessionOutcome.Abandoned, TemplateKeys.ChatEndedIdle, "inactivity");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reached), deadline.Kind, "Unknown deadline.");
        }

        return null;
    }

    private void AssignTo(Turn turn, OperatorRef person, string announcementKey)
    {
        turn.Enter(SessionStatus.WithOperator);
        // Each operator gets their own first-response wait: alerted at 3 minutes, replaced at 5.
        turn.State = turn.State with { Operator = person, OperatorSince = turn.Now, OperatorHasAnswered = false, InQueue = null, DeadlineStage = 0 };
        turn.Add(MessageSender.System, Render(turn, announcementKey, name => name == "operator" ? person.DisplayName : null));
    }

    private static void Enqueue(Turn turn, QueuePriority priority)
    {
        turn.Enter(SessionStatus.Queued);
        turn.State = turn.State with { Operator = null, InQueue = new QueueEntry(turn.State.Id, priority, turn.Now) };
    }

    /// <summary>Nobody can answer now (or the visitor prefers it): the assistant asks for a name and a contact, for a ticket.</summary>
    private void StartCollectingContact(Turn turn, TicketReason reason, string introduction)
    {
        turn.Enter(SessionStatus.CollectingContact);
        turn.State = turn.State with { Contact = new ContactDraft(reason) };
        turn.Add(MessageSender.Bot, $"{introduction}\n\n{Text(turn, TemplateKeys.TicketAskName)}", [CancelButton(turn)]);
    }

    private void CollectContact(Turn turn, ContactStep step, TicketNumber? number)
    {
        var draft = turn.State.Contact!;
        switch (step.Kind)
        {
            case ContactStepKind.Cancelled:
                turn.Enter(SessionStatus.Bot);
                turn.State = turn.State with { Contact = null };
                turn.Add(MessageSender.Bot, Text(turn, TemplateKeys.TicketCancelled),
                    [Button(turn, VisitorCommand.RequestOperator, TemplateKeys.RequestOperatorLabel)]);
                break;
            case ContactStepKind.NameInvalid:
                turn.Add(MessageSender.Bot, Text(turn, TemplateKeys.TicketNameInvalid), [CancelButton(turn)]);
                break;
            case ContactStepKind.NameGiven:
                turn.State = turn.State with { Contact = draft with { Name = step.Value } };
                turn.Add(MessageSender.Bot, Render(turn, TemplateKeys.TicketAskContact, name => name == "name" ? step.Value : null), [CancelButton(turn)]);
                break;
            case ContactStepKind.ContactInvalid:
                turn.Add(MessageSender.Bot, Text(turn, TemplateKeys.TicketContactInvalid), [CancelButton(turn)]);
                break;
            case ContactStepKind.PhoneGiven or ContactStepKind.ChannelInvalid:
                turn.State = turn.State with { Contact = draft with { Address = step.Value } };
                turn.Add(MessageSender.Bot, Text(turn, TemplateKeys.TicketAskChannel),
                    [Button(turn, VisitorCommand.ContactWhatsapp, TemplateKeys.ContactWhatsappLabel), Button(turn, VisitorCommand.ContactSms, TemplateKeys.ContactSmsLabel), CancelButton(turn)]);
                break;
            case ContactStepKind.EmailGiven or ContactStepKind.ChannelChosen when number is null:
                turn.Need = new NeedsTicketNumber();
                break;
            case ContactStepKind.EmailGiven:
                OpenTicket(turn, new CustomerContact(draft.Name!, ContactChannel.Email, step.Value!), number!.Value);
                break;
            case ContactStepKind.ChannelChosen:
                OpenTicket(turn, new CustomerContact(draft.Name!, step.Channel!.Value, draft.Address!), number!.Value);
                break;
        }
    }

    /// <summary>The contact is complete: the conversation becomes the ticket, and the visitor learns its number and when to expect an answer.</summary>
    private void OpenTicket(Turn turn, CustomerContact contact, TicketNumber ticket)
    {
        var reason = turn.State.Contact!.Reason;
        var priority = TicketRules.PriorityFor(reason);
        var language = Language(turn);
        var due = DateText.Moment(tickets.FirstResponseDue(priority, turn.Now), turn.Now, tickets.Zone, language);
        var confirmation = Render(turn, TemplateKeys.TicketCreated, name => name switch
        {
            "ticket" => ticket.ToString(),
            "due" => due,
            "contact" => contact.Address,
            "channel" => Text(turn, ChannelName(contact.Channel)),
            _ => null,
        });
        turn.Record(AnalyticsEventTypes.TicketFromChat, ("reason", WireNames.Of(reason)), ("channel", WireNames.Of(contact.Channel)));
        EndWith(turn, SessionOutcome.ConvertedToTicket, "ticket", confirmation);
        turn.State = turn.State with { Ticket = ticket };
        turn.Effects.Add(new Sessions.OpenTicket(ticket, contact, language, priority, reason, turn.State.LastSequence));
    }

    private Rejection? VisitorResumes(Turn turn, VisitorResumes resumes)
    {
        // Only an ended conversation is reopened: a live one simply carries on.
        if (!turn.State.IsEnded)
        {
            return null;
        }

        turn.State = Restart(turn.State, turn.Now);
        turn.Add(MessageSender.System, Render(turn, TemplateKeys.ChatResumedFromTicket, name => name == "ticket" ? resumes.Ticket.ToString() : null),
            [Button(turn, VisitorCommand.RequestOperator, TemplateKeys.RequestOperatorLabel), Button(turn, VisitorCommand.ContinueAi, TemplateKeys.ContinueWithAssistantLabel)]);
        return null;
    }

    private static string ChannelName(ContactChannel channel) => channel switch
    {
        ContactChannel.Email => TemplateKeys.ChannelEmail,
        ContactChannel.WhatsApp => TemplateKeys.ChannelWhatsapp,
        _ => TemplateKeys.ChannelSms,
    };

    private SmartAction CancelButton(Turn turn) => Button(turn, VisitorCommand.CancelTicket, TemplateKeys.CancelTicketLabel);

    private void End(Turn turn, SessionOutcome outcome, string messageKey, string endedBy) =>
        EndWith(turn, outcome, endedBy, Text(turn, messageKey));

    private static void EndWith(Turn turn, SessionOutcome outcome, string endedBy, string message)
    {
        turn.Enter(SessionStatus.Ended);
        turn.State = turn.State with { Outcome = outcome, Operator = null, InQueue = null, OperatorHasAnswered = false, Contact = null };
        turn.Record(AnalyticsEventTypes.ChatEnded, ("outcome", WireNames.Of(outcome)), ("ended_by", endedBy));
        turn.Add(MessageSender.System, message);
    }

    private void CountVisitorInput(Turn turn)
    {
        var state = turn.State.IsEnded ? Restart(turn.State, turn.Now) : turn.State;
        turn.State = rate.Count(state, turn.Now) with { LastVisitorAt = turn.Now };
    }

    /// <summary>
    /// A new conversation in the same session: nothing of the old one carries over but the numbering
    /// of messages, the language, the rate window and the ticket it became.
    /// </summary>
    private static SessionState Restart(SessionState state, DateTimeOffset now) => SessionState.Start(state.Id, now) with
    {
        LastSequence = state.LastSequence,
        Language = state.Language,
        RateWindowStartedAt = state.RateWindowStartedAt,
        MessagesInWindow = state.MessagesInWindow,
        Ticket = state.Ticket,
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

        state = state with { Deadline = timeouts.For(state) };
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
            effects.Add(new QueueMoved(state.InQueue, visitorWords));
        }

        if (previous is not null)
        {
            effects.Add(new ReleaseOperator(previous.Username));
        }

        return new SessionDecision(state, turn.Messages, effects);
    }

    private static bool Matches(IReadOnlyList<TopicKeyword> keywords, MessageAnalysis message) =>
        keywords.Any(k => k.Keyword.Match(message, forgiveTypos: false) is not null);

    private static string LabelOf(VisitorCommand command) => command switch
    {
        VisitorCommand.RequestOperator => TemplateKeys.RequestOperatorLabel,
        VisitorCommand.ContinueAi => TemplateKeys.ContinueWithAssistantLabel,
        VisitorCommand.RequestTicket => TemplateKeys.RequestTicketLabel,
        VisitorCommand.EndChat => TemplateKeys.EndChatLabel,
        VisitorCommand.ContinueChat => TemplateKeys.ContinueChatLabel,
        VisitorCommand.CancelTicket => TemplateKeys.CancelTicketLabel,
        VisitorCommand.ContactWhatsapp => TemplateKeys.ContactWhatsappLabel,
        VisitorCommand.ContactSms => TemplateKeys.ContactSmsLabel,
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static Language Language(Turn turn) => turn.State.Language ?? Domain.Language.Italian;

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private SmartAction Button(Turn turn, VisitorCommand command, string labelKey) => SmartAction.Command(command, Text(turn, labelKey));

    private string Text(Turn turn, string key) => Render(turn, key, _ => null);

    private string Render(Turn turn, string key, Func<string, string?> own)
    {
        var language = Language(turn);
        return knowledge.Templates.Render(key, language, name => own(name) ?? knowledge.Fact(name, language));
    }

    /// <summary>One decision being made: the state so far, what is said, and the effects.</summary>
    private sealed class Turn(SessionState state, DateTimeOffset now)
    {
        public SessionState State { get; set; } = state;

        public DateTimeOffset Now { get; } = now;

        public List<ChatMessage> Messages { get; } = [];

        public List<Effect> Effects { get; } = [];

        /// <summary>What the workflow must know before it can decide this input.</summary>
        public Need? Need { get; set; }

        /// <summary>What the visitor wrote in this turn (not a button's label): the queue's preview for operators.</summary>
        public string? VisitorWords { get; set; }

        /// <summary>A new status starts its own clock and its own deadline stages.</summary>
        public void Enter(SessionStatus status)
        {
            if (State.Status != status)
            {
                // Only the queue has a place in the queue: every way out of it leaves it.
                State = State with
                {
                    Status = status,
                    StatusSince = Now,
                    DeadlineStage = 0,
                    Outcome = null,
                    InQueue = status == SessionStatus.Queued ? State.InQueue : null,

                    // Likewise only the collection of a contact holds one.
                    Contact = status == SessionStatus.CollectingContact ? State.Contact : null,
                };
            }
        }

        public void Add(MessageSender sender, string text, IReadOnlyList<SmartAction>? actions = null, string? clientMessageId = null, string? author = null)
        {
            var message = new ChatMessage(State.LastSequence + 1, sender, text, actions ?? [], Now, clientMessageId, author);
            State = State with { LastSequence = message.Sequence };
            Messages.Add(message);
        }

        public void Record(string type, params (string Key, string Value)[] data) =>
            Effects.Add(new RecordAnalytics(new AnalyticsEvent(type, State.Id.Value, Now, data.ToDictionary(d => d.Key, d => d.Value))));
    }
}
