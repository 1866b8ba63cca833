using Lucine.Domain.Tests.Assistant;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>
/// What the session tests share: the workflow with the shipped texts and the default timeouts, a
/// clock that is only ever a parameter (every time is "minutes after <see cref="T0"/>"), three staff
/// members, and the way to each state. States are reached through the workflow itself, never built by
/// hand, so that each carries the deadline, stage and clocks the workflow really gives it.
/// </summary>
internal static class Scenario
{
    public static readonly KnowledgeBase Knowledge = ShippedKnowledge.Load();
    public static readonly SessionTimeouts Timeouts = new();
    public static readonly QueuePolicy Queue = new();
    public static readonly TicketRules Tickets = new(SlaPolicy.Default, TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome"));
    public static readonly MessageRatePolicy Rate = new(3, TimeSpan.FromMinutes(1));
    public static readonly SessionWorkflow Workflow = new(Knowledge, Rate, Timeouts, Queue, Tickets);
    public static readonly LocalAnswerer Answerer = new(Knowledge);

    /// <summary>Saturday 13 December 2025, 18:00 UTC: the park is open.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);

    public static readonly SessionId Id = SessionId.FromBytes(new byte[16]);

    public static readonly OperatorRef Anna = new("anna", "Anna", null);
    public static readonly OperatorRef Bruno = new("bruno", "Bruno", "/avatars/bruno.png");

    /// <summary>A supervisor: may act on any chat.</summary>
    public static readonly OperatorRef Carla = new("carla", "Carla", null);

    /// <summary>An Italian question the assistant answers without offering a person.</summary>
    public const string PlainQuestion = "Quanto costa il biglietto?";

    /// <summary>An Italian request for a person.</summary>
    public const string AskForOperator = "voglio parlare con un operatore";

    /// <summary>Routing with one free operator whose capacity was reserved for this chat.</summary>
    public static Routing Reserved(OperatorRef person) => new(new Staffing(2, 1), 0, person);

    /// <summary>Routing where everyone online is at capacity.</summary>
    public static Routing AllBusy(int online = 2, int waiting = 0) => new(new Staffing(online, 0), waiting, null);

    public static readonly Routing NobodyOnline = new(Staffing.Nobody, 0, null);

    public static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    /// <summary>The number the host reserves for a ticket the input opens.</summary>
    public static readonly TicketNumber NewTicket = new(2025, 42);

    /// <summary>
    /// What the host sends once it has fulfilled what the workflow asks for: the assistant's answer and a
    /// ticket number (the workflow ignores what it does not need).
    /// </summary>
    public static VisitorWrote Wrote(SessionState state, string text, string? clientMessageId = null) =>
        new(text, clientMessageId, Answerer.Answer(new AssistantQuestion(text, state.Language, ShippedKnowledge.SeasonDay)), NewTicket);

    public static VisitorPressed Pressed(VisitorCommand command, Routing? routing = null, string? clientMessageId = null) =>
        new(command, clientMessageId, routing, NewTicket);

    /// <summary><paramref name="person"/> takes the chat with a slot of their capacity reserved for it.</summary>
    public static OperatorTakes Takes(OperatorRef person, bool ByRouting) => new(person, ByRouting, new OperatorSlot(Reservation.Reserved, person));

    /// <summary>The chat goes to <paramref name="target"/>, with a slot of theirs reserved for it.</summary>
    public static OperatorTransfers Transfers(OperatorRef person, bool supervising, OperatorRef target) =>
        new(person, supervising, target.Username, new OperatorSlot(Reservation.Reserved, target));

    public static OperatorWrites Writes(OperatorRef person, string text = "Ciao, come posso aiutarti?", bool supervising = false) =>
        new(person, supervising, text, null);

    public static SessionDecision Decide(SessionState state, SessionInput input, double minutes) =>
        Workflow.Decide(state, input, At(minutes));

    public static SessionState Fresh() => SessionState.Start(Id, T0);

    /// <summary>Talking with the assistant since <see cref="T0"/>.</summary>
    public static SessionState Bot() => Decide(Fresh(), Wrote(Fresh(), PlainQuestion), 0).State;

    /// <summary>Offered a person at <see cref="T0"/>, no answer yet.</summary>
    public static SessionState Confirming() => Decide(Fresh(), Wrote(Fresh(), AskForOperator), 0).State;

    /// <summary>In the queue since <paramref name="minutes"/> (normal priority).</summary>
    public static SessionState Queued(double minutes = 0) => Decide(Confirming(), Pressed(VisitorCommand.RequestOperator, AllBusy()), minutes).State;

    /// <summary>Anna took the chat at <see cref="T0"/> and has not written yet.</summary>
    public static SessionState WithAnna() => Decide(Confirming(), Pressed(VisitorCommand.RequestOperator, Reserved(Anna)), 0).State;

    /// <summary>Anna took the chat at <see cref="T0"/> and answered at minute 1; the visitor's last input was at <see cref="T0"/>.</summary>
    public static SessionState AnnaAnswered() => Decide(WithAnna(), Writes(Anna), 1).State;

    /// <summary>The visitor went quiet with Anna: waiting for them since minute 10.</summary>
    public static SessionState WaitingClient() => Decide(AnnaAnswered(), new DeadlineReached(), 10).State;

    /// <summary>Anna asked to close at minute 2.</summary>
    public static SessionState Closing() => Decide(AnnaAnswered(), new OperatorAsksToClose(Anna, false), 2).State;

    /// <summary>Anna closed the chat as resolved at minute 2.</summary>
    public static SessionState Ended() => Decide(AnnaAnswered(), new OperatorCloses(Anna, false, SessionOutcome.Resolved), 2).State;

    public static IEnumerable<T> Effects<T>(this SessionDecision decision)
        where T : Effect => decision.Effects.OfType<T>();

    public static IEnumerable<string> AnalyticsTypes(this SessionDecision decision) =>
        decision.Effects<RecordAnalytics>().Select(r => r.Event.Type);

    public static IEnumerable<string> ActionNames(this ChatMessage message) => message.Actions.Select(a => a.Action);

    /// <summary>The shipped text of a template in a language, with its own placeholders filled in.</summary>
    public static string Text(string key, Language language = Language.Italian, params (string Name, string Value)[] values) =>
        Knowledge.Templates.Render(key, language, name => values.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault() ?? Knowledge.Fact(name, language));
}
