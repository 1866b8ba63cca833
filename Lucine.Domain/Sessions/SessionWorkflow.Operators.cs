namespace Lucine.Domain.Sessions;

/// <summary>What operators do with a chat: take it, write, transfer, release, ask to close, close.</summary>
public sealed partial class SessionWorkflow
{
    private Rejection? OperatorActs(Turn turn, OperatorInput input)
    {
        if (input is OperatorTakes takes)
        {
            return Take(turn, takes);
        }

        if (Refusal(turn.State, input) is { } refused)
        {
            return refused;
        }

        switch (input)
        {
            case OperatorWrites writes:
                Write(turn, writes.Operator, writes.Text, writes.ClientMessageId);
                return null;
            case OperatorAttaches attaches:
                return OperatorAttaches(turn, attaches);
            case OperatorTransfers transfers:
                return Transfer(turn, transfers);
            case OperatorReleases:
                Enqueue(turn, QueuePriority.High);
                turn.Add(MessageSender.System, Text(turn, TemplateKeys.QueueRequeued));
                return null;
            case OperatorLost lost:
                LoseOperator(turn, lost);
                return null;
            case OperatorAsksToClose:
                return AskToClose(turn);
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

    /// <summary>Who may act on a chat that is not waiting to be taken, and when: the operator in charge or a supervisor, while an operator is in charge (closing: always).</summary>
    private static Rejection? Refusal(SessionState state, OperatorInput input)
    {
        if (state.Status == SessionStatus.Ended)
        {
            return ChatEnded;
        }

        var inCharge = state.Operator is { } current && current.Username == input.Operator.Username;
        if (!inCharge && !input.Supervising)
        {
            return ChatAccess.NotYours;
        }

        var withOperator = state.Status is SessionStatus.WithOperator or SessionStatus.WaitingClient or SessionStatus.Closing;
        return withOperator || input is OperatorCloses
            ? null
            : Rejection.Conflict("chat-not-with-operator", "This chat has no operator in charge at the moment.");
    }

    private static void Write(Turn turn, OperatorRef person, string text, string? clientMessageId, Attachment? attachment = null)
    {
        var state = turn.State;
        if (!state.OperatorHasAnswered)
        {
            turn.Record(AnalyticsEventTypes.OperatorMessageSent, ("operator", person.Username),
                ("first_response_seconds", Number((int)(turn.Now - state.OperatorSince).TotalSeconds)));
        }

        turn.State = turn.State with { OperatorHasAnswered = true };
        turn.Add(MessageSender.Operator, text, clientMessageId: clientMessageId, author: person.DisplayName, attachment: attachment);
    }

    private void LoseOperator(Turn turn, OperatorLost lost)
    {
        var state = turn.State;
        if (state.Status == SessionStatus.Closing)
        {
            // The visitor is the one to answer now, and the close request has its own deadline.
            return;
        }

        if (!state.OperatorHasAnswered)
        {
            Reroute(turn, lost.Routing);
            return;
        }

        // The visitor was being answered: the operator may be back within the first-response time
        // (a restarted laptop, a new network); if not, that rule hands the chat on.
        turn.Enter(SessionStatus.WithOperator);
        turn.State = turn.State with { OperatorSince = turn.Now, OperatorHasAnswered = false, DeadlineStage = 0 };
        turn.Record(AnalyticsEventTypes.OperatorLost, ("operator", lost.Operator.Username));
    }

    private Rejection? AskToClose(Turn turn)
    {
        if (turn.State.Status == SessionStatus.Closing)
        {
            return Rejection.Conflict("already-closing", "The visitor was already asked to confirm.");
        }

        // Asking to close is an answer too: the first-response wait must not restart if the visitor needs more help.
        turn.Enter(SessionStatus.Closing);
        turn.State = turn.State with { OperatorHasAnswered = true };
        turn.Add(MessageSender.System, Text(turn, TemplateKeys.CloseRequest),
            [Button(turn, VisitorCommand.EndChat, TemplateKeys.EndChatLabel), Button(turn, VisitorCommand.ContinueChat, TemplateKeys.ContinueChatLabel)]);
        return null;
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

    private void AssignTo(Turn turn, OperatorRef person, string announcementKey)
    {
        turn.Enter(SessionStatus.WithOperator);
        // Each operator gets their own first-response wait: alerted at 3 minutes, replaced at 5.
        turn.State = turn.State with { Operator = person, OperatorSince = turn.Now, OperatorHasAnswered = false, InQueue = null, DeadlineStage = 0, ReachedOperator = true };
        turn.Add(MessageSender.System, Render(turn, announcementKey, name => name == "operator" ? person.DisplayName : null));
    }

    private static void Enqueue(Turn turn, QueuePriority priority)
    {
        turn.Enter(SessionStatus.Queued);
        turn.State = turn.State with { Operator = null, InQueue = new QueueEntry(turn.State.Id, priority, turn.Now), WasQueued = true };
    }
}
