namespace Lucine.Domain.Sessions;

public sealed partial class SessionWorkflow
{
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

        public void Add(
            MessageSender sender, string text, IReadOnlyList<SmartAction>? actions = null, string? clientMessageId = null, string? author = null, Attachment? attachment = null)
        {
            var message = new ChatMessage(State.LastSequence + 1, sender, text, actions ?? [], Now, clientMessageId, author, attachment);
            State = State with { LastSequence = message.Sequence };
            Messages.Add(message);
        }

        public void Record(string type, params (string Key, string Value)[] data) =>
            Effects.Add(new RecordAnalytics(new AnalyticsEvent(type, State.Id.Value, Now, data.ToDictionary(d => d.Key, d => d.Value))));
    }
}
