namespace Lucine.Domain.Sessions;

/// <summary>What the visitor writes and presses: answers, escalation to a person, a ticket, the end of the chat.</summary>
public sealed partial class SessionWorkflow
{
    private Rejection? VisitorWrote(Turn turn, VisitorWrote wrote)
    {
        CountVisitorInput(turn, wrote);
        turn.Add(MessageSender.Visitor, wrote.Text, clientMessageId: wrote.ClientMessageId);
        turn.VisitorWords = wrote.Text;
        turn.State = turn.State with { LastVisitorWords = Capped(wrote.Text) };
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
        if (!asksForPerson && answer.Outcome is AnswerOutcome.NotKnown or AnswerOutcome.NeedsHuman && NeedCapture.IsClearQuestion(wrote.Text))
        {
            turn.State = turn.State with { UnansweredQuestion = Capped(wrote.Text.Trim()) };
        }

        if (asksForPerson || upset || answer.Outcome is AnswerOutcome.NotKnown or AnswerOutcome.NeedsHuman)
        {
            // Asking for a person is no question: only what the assistant could not answer is a blind spot.
            if (!asksForPerson && answer.Outcome is AnswerOutcome.NotKnown or AnswerOutcome.NeedsHuman)
            {
                NoteBlindSpot(turn, wrote.Text, answer);
            }

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
        if (!Applies(command, status))
        {
            return Rejection.Conflict("action-not-available", $"'{command.WireName()}' cannot be used while the chat is {WireNames.Of(status)}.");
        }

        CountVisitorInput(turn, pressed);
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
                ContinueWithAssistant(turn);
                break;
            case VisitorCommand.RequestTicket:
                if (status == SessionStatus.Queued)
                {
                    turn.Record(AnalyticsEventTypes.QueueEntryCancelled, ("reason", "visitor_requested_ticket"));
                }

                StartCollectingContact(turn, TicketReason.VisitorRequest, Text(turn, TemplateKeys.TicketStart));
                break;
            case VisitorCommand.CancelTicket or VisitorCommand.ContactWhatsapp or VisitorCommand.ContactSms or VisitorCommand.ConfirmNeed or VisitorCommand.WriteNeed:
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

    /// <summary>Which buttons mean something in which status; any other press is refused and changes nothing.</summary>
    private static bool Applies(VisitorCommand command, SessionStatus status) => command switch
    {
        VisitorCommand.RequestOperator => status is SessionStatus.Bot or SessionStatus.ConfirmingEscalation or SessionStatus.CollectingContact or SessionStatus.Ended,
        VisitorCommand.RequestTicket => status is SessionStatus.Bot or SessionStatus.ConfirmingEscalation or SessionStatus.Queued or SessionStatus.Ended,
        VisitorCommand.CancelTicket or VisitorCommand.ContactWhatsapp or VisitorCommand.ContactSms or VisitorCommand.ConfirmNeed or VisitorCommand.WriteNeed
            => status == SessionStatus.CollectingContact,
        VisitorCommand.ContinueAi => status is SessionStatus.Bot or SessionStatus.ConfirmingEscalation or SessionStatus.Queued or SessionStatus.Ended,
        VisitorCommand.EndChat => status != SessionStatus.Ended,
        VisitorCommand.ContinueChat => status == SessionStatus.Closing,
        _ => false,
    };

    private void ContinueWithAssistant(Turn turn)
    {
        var leftQueue = turn.State.Status == SessionStatus.Queued;
        turn.Enter(SessionStatus.Bot);
        turn.Add(MessageSender.Bot, Text(turn, leftQueue ? TemplateKeys.QueueLeft : TemplateKeys.ContinueWithAssistant));
        if (leftQueue)
        {
            turn.Record(AnalyticsEventTypes.QueueEntryCancelled, ("reason", "visitor_continued_with_assistant"));
        }
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

    private Rejection? VisitorResumes(Turn turn, VisitorResumes resumes)
    {
        // Only an ended conversation is reopened: a live one simply carries on.
        if (!turn.State.IsEnded)
        {
            return null;
        }

        // What the staff wrote to the customer since is what they came back for: shown first, in order.
        turn.State = Restart(turn.State, turn.Now);
        foreach (var reply in resumes.Replies)
        {
            turn.Add(MessageSender.Operator, reply.Text, author: reply.Author);
        }

        var welcome = resumes.Replies.Count > 0 ? TemplateKeys.ChatResumedFromTicket : TemplateKeys.ChatResumedNoReply;
        turn.Add(MessageSender.System, Render(turn, welcome, name => name == "ticket" ? resumes.Ticket.ToString() : null),
            [Button(turn, VisitorCommand.RequestOperator, TemplateKeys.ResumeStaffLabel), Button(turn, VisitorCommand.ContinueAi, TemplateKeys.ResumeAssistantLabel)]);
        return null;
    }

    /// <summary>
    /// A new page is kept and told to the operator in charge; the same page again, or a page after the
    /// end, changes nothing. It counts against the visitor's rate like a message: a flood must not cost
    /// a write per request.
    /// </summary>
    private Rejection? VisitorNavigated(Turn turn, VisitorNavigated navigated)
    {
        var state = turn.State;
        if (state.IsEnded || state.Context?.Page == navigated.Page)
        {
            return null;
        }

        var context = (state.Context ?? new VisitorContext(null, null, null, null, null)) with { Page = navigated.Page };
        turn.State = rate.Count(state, turn.Now) with { Context = context };
        turn.Effects.Add(new PageChanged(navigated.Page, state.Operator?.Username));
        return null;
    }

    private static void NoteBlindSpot(Turn turn, string text, AssistantAnswer answer)
    {
        var keywords = BlindSpot.Keywords(text, DateOnly.FromDateTime(turn.Now.UtcDateTime));
        if (keywords.Count > 0)
        {
            turn.Effects.Add(new NoteBlindSpot(keywords, BlindSpot.Example(Capped(text)), answer.Language, answer.Outcome, turn.Now));
        }
    }

    private static string Capped(string words)
    {
        if (words.Length <= SessionState.MaxVisitorWords)
        {
            return words;
        }

        // Never half a character: a cut inside a surrogate pair is not text any more.
        var length = char.IsHighSurrogate(words[SessionState.MaxVisitorWords - 1]) ? SessionState.MaxVisitorWords - 1 : SessionState.MaxVisitorWords;
        return words[..length];
    }

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
        VisitorCommand.ConfirmNeed => TemplateKeys.ConfirmNeedLabel,
        VisitorCommand.WriteNeed => TemplateKeys.WriteNeedLabel,
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static bool Matches(IReadOnlyList<TopicKeyword> keywords, MessageAnalysis message) =>
        keywords.Any(k => k.Keyword.Match(message, forgiveTypos: false) is not null);
}
