namespace Lucine.Domain.Tickets;

public sealed partial class TicketWorkflow
{
    private sealed class Turn(TicketState state, DateTimeOffset now)
    {
        public TicketState State { get; set; } = state;

        public DateTimeOffset Now { get; } = now;

        public List<TicketEntry> Entries { get; } = [];

        public List<Effect> Effects { get; } = [];

        public void Add(TicketEntryKind kind, string author, string text, Attachment? attachment = null)
        {
            var entry = new TicketEntry(State.LastSequence + 1, kind, author, text, Now, attachment);
            State = State with { LastSequence = entry.Sequence };
            Entries.Add(entry);
        }

        public void Record(string type, params (string Key, string Value)[] data) =>
            Effects.Add(new RecordAnalytics(new AnalyticsEvent(type, State.Number.ToString(), Now, data.ToDictionary(d => d.Key, d => d.Value))));
    }
}
