using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>
/// Property-style: random but seeded sequences of every input, on a few sessions sharing three staff
/// members of capacity 2, with a clock that only moves forward. The host is simulated the way the app
/// does it: capacity is reserved before deciding and given back when the decision did not use it or
/// when a <see cref="ReleaseOperator"/> says so; the queue index follows <see cref="QueueMoved"/>.
/// After every step the invariants below must hold; a failure names the seed and the inputs that led
/// to it, so it can be replayed.
/// </summary>
[Trait("Category", Layer.Unit)]
public sealed class SessionInvariantTests
{
    private const int Runs = 200;
    private const int Steps = 60;
    private const int Capacity = 2;
    private const int SessionsPerRun = 4;

    private static readonly OperatorRef[] Staff = [Anna, Bruno, Carla];

    private static readonly string[] Phrases =
    [
        PlainQuestion, AskForOperator, "can I talk to a human", "È una vergogna, inaccettabile!", "This is the worst, I'm furious",
        "posso portare un drone?", "vorrei un rimborso", "grazie", "ciao", "orari di oggi?", "Can I bring my dog?", "ci sei?",
        "vorrei aprire un ticket", "Maria Rossi", "maria@example.com", "333 123 4567", "whatsapp", "annulla",
        "Vorrei cambiare la data del mio biglietto",
    ];

    private static readonly VisitorCommand[] Commands = Enum.GetValues<VisitorCommand>();

    private static readonly SessionOutcome[] Outcomes = Enum.GetValues<SessionOutcome>();

    private static readonly SessionStatus[] WithOperatorStatuses = [SessionStatus.WithOperator, SessionStatus.WaitingClient, SessionStatus.Closing];

    [Fact]
    public void Random_inputs_never_break_the_session_invariants()
    {
        var violations = new Dictionary<string, string>();
        var decisions = 0;
        for (var seed = 1; seed <= Runs; seed++)
        {
            var run = new Run(seed);
            for (var step = 0; step < Steps && run.Violation is null; step++)
            {
                run.Step();
            }

            decisions += run.Decisions;
            if (run.Violation is { } violation)
            {
                violations.TryAdd(violation.Invariant, $"seed {seed}: {violation.Detail}\n    {string.Join("\n    ", run.Trace.TakeLast(12))}");
            }
        }

        Assert.True(decisions > Runs * Steps / 2, $"Only {decisions} decisions were made: the generator skips too much.");
        Assert.True(violations.Count == 0, string.Join("\n\n", violations.Select(v => $"{v.Key}\n  {v.Value}")));
    }

    [Fact]
    public void The_random_inputs_reach_every_status_and_every_deadline()
    {
        // Guards the generator itself: invariants checked only on easy states prove little.
        var statuses = new HashSet<SessionStatus>();
        var deadlines = new HashSet<DeadlineKind>();
        for (var seed = 1; seed <= Runs; seed++)
        {
            var run = new Run(seed);
            for (var step = 0; step < Steps; step++)
            {
                run.Step();
                foreach (var state in run.States)
                {
                    statuses.Add(state.Status);
                }

                deadlines.UnionWith(run.Fired);
            }
        }

        Assert.Equal(Enum.GetValues<SessionStatus>().Order(), statuses.Order());
        Assert.Equal(Enum.GetValues<DeadlineKind>().Order(), deadlines.Order());
    }

    private sealed record Violation(string Invariant, string Detail);

    /// <summary>One seeded run: a few sessions, the staff's reserved capacity, the queue index, the clock.</summary>
    private sealed class Run
    {
        private readonly Random random;
        private readonly SessionState[] states;
        private readonly Dictionary<string, int> reserved = Staff.ToDictionary(o => o.Username, _ => 0);
        private readonly Dictionary<string, DateTimeOffset> lastAssigned = Staff.ToDictionary(o => o.Username, _ => T0);
        private readonly Dictionary<string, OperatorAvailability> availability = Staff.ToDictionary(o => o.Username, _ => OperatorAvailability.Online);
        private readonly Dictionary<SessionId, QueueEntry> queueIndex = [];

        /// <summary>Per session, the operator alerted about their first response since taking the chat.</summary>
        private readonly string?[] alerted;

        private DateTimeOffset now = T0;

        public Run(int seed)
        {
            random = new Random(seed);
            states = new SessionState[SessionsPerRun];
            alerted = new string?[SessionsPerRun];
            for (var i = 0; i < SessionsPerRun; i++)
            {
                var bytes = new byte[16];
                bytes[0] = (byte)(i + 1);
                states[i] = SessionState.Start(SessionId.FromBytes(bytes), now);
            }

            // Sessions are created by the visitor's first message, so start with one.
            for (var i = 0; i < SessionsPerRun; i++)
            {
                Apply(i, Wrote(states[i], Pick(Phrases)), null);
            }
        }

        public IReadOnlyList<SessionState> States => states;

        public List<string> Trace { get; } = [];

        public HashSet<DeadlineKind> Fired { get; } = [];

        public int Decisions { get; private set; }

        public Violation? Violation { get; private set; }

        public void Step()
        {
            now += TimeSpan.FromSeconds(random.Next(0, 240));
            var index = random.Next(states.Length);
            var state = states[index];
            var roll = random.Next(100);
            if (roll < 5)
            {
                ChangeAvailability();
            }
            else if (roll < 30)
            {
                // The host refuses a visitor over the rate before deciding.
                if (Rate.RetryAfter(state, now) is null)
                {
                    Apply(index, Wrote(state, Pick(Phrases), $"c-{Decisions}"), null);
                }
            }
            else if (roll < 50)
            {
                VisitorPresses(index);
            }
            else if (roll < 78)
            {
                OperatorActs(index);
            }
            else
            {
                DeadlineComes(index);
            }
        }

        private void VisitorPresses(int index)
        {
            var state = states[index];
            if (Rate.RetryAfter(state, now) is not null)
            {
                return;
            }

            var command = Pick(Commands);
            var withRouting = command == VisitorCommand.RequestOperator || random.Next(2) == 0;

            // Now and then routing finds someone free but loses the race to reserve them.
            var reserve = withRouting && random.Next(5) > 0 ? Route(except: null) : null;
            Apply(index, Pressed(command, withRouting ? RoutingFor(index, reserve) : null), reserve);
        }

        private void OperatorActs(int index)
        {
            var person = Pick(Staff);
            var supervising = person == Carla;
            var state = states[index];
            switch (random.Next(6))
            {
                case 0:
                    // Taking needs free capacity: a full operator is refused before deciding.
                    if (HasRoom(person.Username))
                    {
                        Reserve(person.Username);
                        Apply(index, Takes(person, ByRouting: random.Next(2) == 0), person);
                    }

                    break;
                case 1:
                    // Mostly the operator in charge, so that first responses happen.
                    var writer = random.Next(10) < 7 && state.Operator is { } current ? current : person;
                    Apply(index, new OperatorWrites(writer, writer == Carla, $"risposta {Decisions}", null), null);
                    break;
                case 2:
                    var target = Pick(Staff);
                    if (HasRoom(target.Username))
                    {
                        Reserve(target.Username);
                        Apply(index, Transfers(supervising ? person : state.Operator ?? person, supervising, target), target);
                    }

                    break;
                case 3:
                    Apply(index, new OperatorReleases(person, supervising), null);
                    break;
                case 4:
                    Apply(index, new OperatorAsksToClose(state.Operator ?? person, supervising), null);
                    break;
                default:
                    Apply(index, new OperatorCloses(person, supervising, Pick(Outcomes)), null);
                    break;
            }
        }

        private void DeadlineComes(int index)
        {
            var state = states[index];
            if (state.Deadline is { } deadline && deadline.At > now && random.Next(3) > 0)
            {
                // Most of the time the sweep comes exactly when due; the clock never goes back.
                now = deadline.At;
            }

            var reserve = random.Next(2) == 0 ? Route(except: state.Operator?.Username) : null;
            Apply(index, new DeadlineReached(reserve is null && random.Next(2) == 0 ? null : RoutingFor(index, reserve)), reserve);
        }

        private void ChangeAvailability()
        {
            var person = Pick(Staff);
            var next = Pick(Enum.GetValues<OperatorAvailability>());
            availability[person.Username] = next;
            Trace.Add($"{now:HH:mm:ss} {person.Username} is {next}");
            if (next == OperatorAvailability.Offline)
            {
                // Going offline hands the operator's chats back to the queue.
                for (var i = 0; i < states.Length; i++)
                {
                    if (states[i].Operator?.Username == person.Username)
                    {
                        Apply(i, new OperatorReleases(person, false), null);
                    }
                }
            }
            else if (next == OperatorAvailability.Away && random.Next(2) == 0)
            {
                // Away because their connection lapsed: each chat of theirs is handed over or waits for them.
                for (var i = 0; i < states.Length; i++)
                {
                    if (states[i].Operator?.Username == person.Username)
                    {
                        var reserve = Route(except: person.Username);
                        Apply(i, new OperatorLost(person, RoutingFor(i, reserve)), reserve);
                    }
                }
            }
        }

        /// <summary>Whom routing would give a chat to now, with their capacity reserved; null when nobody is free.</summary>
        private OperatorRef? Route(string? except)
        {
            var chosen = OperatorRouting.Choose(Loads(), except);
            if (chosen is null)
            {
                return null;
            }

            Reserve(chosen.Username);
            return Staff.Single(o => o.Username == chosen.Username);
        }

        private Routing RoutingFor(int index, OperatorRef? reserve)
        {
            var waiting = states.Where((s, i) => i != index && s.Status == SessionStatus.Queued).Count();
            var staffing = OperatorRouting.Staffing(Loads());
            if (reserve is not null)
            {
                // The staffing was read before the reservation was made.
                staffing = staffing with { FreeOperators = staffing.FreeOperators + (reserved[reserve.Username] == Capacity ? 1 : 0) };
            }

            return new Routing(staffing, waiting, reserve);
        }

        private List<OperatorLoad> Loads() =>
            [.. Staff.Select(o => new OperatorLoad(o.Username, availability[o.Username], true, reserved[o.Username], Capacity, lastAssigned[o.Username]))];

        private bool HasRoom(string username) => reserved[username] < Capacity;

        private void Reserve(string username) => reserved[username]++;

        /// <param name="reservation">The operator whose capacity was reserved for this input, if any.</param>
        private void Apply(int index, SessionInput input, OperatorRef? reservation)
        {
            var before = states[index];
            var decision = Workflow.Decide(before, input, now);
            var after = decision.State;
            states[index] = after;
            Decisions++;
            Trace.Add($"{now:HH:mm:ss} #{index} {before.Status}{(before.Operator is { } o ? $"({o.Username})" : "")} + {Describe(input)}" +
                $" -> {(decision.Rejection is { } r ? $"rejected {r.Code}" : $"{after.Status}{(after.Operator is { } p ? $"({p.Username})" : "")}")}" +
                $" [{string.Join(", ", decision.Effects.Where(e => e is not RecordAnalytics and not PublishUpdate))}]");

            if (input is DeadlineReached && !decision.IsNoChange && before.Deadline is { } fired)
            {
                Fired.Add(fired.Kind);
            }

            // The host's bookkeeping, from the decision alone.
            var kept = reservation is not null && decision.Rejection is null
                && after.Operator?.Username == reservation.Username && before.Operator?.Username != reservation.Username;
            if (reservation is not null && !kept)
            {
                reserved[reservation.Username]--;
            }

            if (kept)
            {
                lastAssigned[reservation!.Username] = now;
            }

            foreach (var release in decision.Effects<ReleaseOperator>())
            {
                reserved[release.Username]--;
            }

            foreach (var moved in decision.Effects<QueueMoved>())
            {
                if (moved.Entry is null)
                {
                    queueIndex.Remove(after.Id);
                }
                else
                {
                    queueIndex[after.Id] = moved.Entry;
                }
            }

            if (after.Operator?.Username != before.Operator?.Username)
            {
                alerted[index] = null;
            }

            foreach (var alert in decision.Effects<AlertOperator>())
            {
                alerted[index] = alert.Username;
            }

            Check(index, before, input, decision);
        }

        private void Check(int index, SessionState before, SessionInput input, SessionDecision decision)
        {
            var state = decision.State;
            var again = Workflow.Decide(before, input, now);
            Require("deciding again on the same state and input decides the same",
                again.State == state && again.Rejection == decision.Rejection && again.Messages.Count == decision.Messages.Count
                && again.Effects.Count == decision.Effects.Count);
            if (input is DeadlineReached && (before.Deadline is null || before.Deadline.At > now))
            {
                Require($"a deadline that is not due changes nothing (deadline {before.Deadline})", decision.IsNoChange);
            }

            if (decision.Rejection is not null)
            {
                Require("a rejected input leaves the state as it was and says nothing",
                    ReferenceEquals(state, before) && decision.Messages.Count == 0 && decision.Effects.Count == 0);
            }
            else if (decision.IsNoChange)
            {
                Require("a decision with nothing to write leaves the state as it was", state == before);
            }

            Require("the state stays the same session's", state.Id == before.Id);

            var hasOperator = state.Operator is not null;
            Require($"an operator is in charge exactly while with_operator, waiting_client or closing (status {state.Status}, operator {state.Operator?.Username ?? "none"})",
                hasOperator == WithOperatorStatuses.Contains(state.Status));
            Require($"queued exactly when in the queue (status {state.Status}, entry {state.InQueue})",
                (state.Status == SessionStatus.Queued) == (state.InQueue is not null) && (state.InQueue is null || state.InQueue.SessionId == state.Id));

            Require($"contact details are held exactly while collecting them (status {state.Status})",
                (state.Status == SessionStatus.CollectingContact) == (state.Contact is not null));
            var opened = decision.Effects.OfType<OpenTicket>().ToList();
            Require($"a ticket is opened exactly when the conversation becomes one, under the number reserved for it ({opened.Count} opened, outcome {state.Outcome}, ticket {state.Ticket})",
                opened.Count == (state.Outcome == SessionOutcome.ConvertedToTicket && before.Status == SessionStatus.CollectingContact && decision.Rejection is null && !decision.IsNoChange ? 1 : 0)
                && opened.All(o => o.Number == NewTicket && state.Ticket == NewTicket && o.TranscriptTo == state.LastSequence));

            if (state.IsEnded)
            {
                Require($"an ended session has no deadline and has an outcome (deadline {state.Deadline}, outcome {state.Outcome})",
                    state.Deadline is null && state.Outcome is not null);
            }
            else
            {
                Require($"a live session has the deadline of its state and no outcome (status {state.Status}, deadline {state.Deadline}, expected {Timeouts.For(state)})",
                    state.Deadline is not null && state.Deadline == Timeouts.For(state) && state.Outcome is null);
            }

            var sequences = decision.Messages.Select(m => m.Sequence).ToList();
            Require($"messages are numbered on from the last one without gaps (before {before.LastSequence}, got {string.Join(",", sequences)}, now {state.LastSequence})",
                sequences.SequenceEqual(Enumerable.Range(0, sequences.Count).Select(i => before.LastSequence + 1 + i))
                && state.LastSequence == before.LastSequence + sequences.Count);
            Require("every message is stamped with the time of the decision", decision.Messages.All(m => m.At == now));

            // Exchanges with the assistant alone go back in the HTTP response; anything an operator, the
            // queue or another tab must see is published, once; nothing is published for nothing.
            var statusChanged = state.Status != before.Status;
            var operatorChanged = state.Operator?.Username != before.Operator?.Username;
            var mustPublish = statusChanged || operatorChanged
                || (decision.Messages.Count > 0 && (state.Operator is not null || state.Status == SessionStatus.Queued));
            var updates = decision.Effects<PublishUpdate>().ToList();
            Require($"an update is published exactly when others must see it (published {updates.Count}, expected {(mustPublish ? 1 : 0)}, status {before.Status} -> {state.Status}, {decision.Messages.Count} messages)",
                updates.Count == (mustPublish ? 1 : 0));
            Require("a published update carries the new status and exactly the new messages",
                updates.All(u => u.Status == state.Status && u.StatusChanged == statusChanged && u.Operator == state.Operator
                    && u.NewOperator == (operatorChanged && state.Operator is not null)
                    && u.PreviousOperator?.Username == (operatorChanged ? before.Operator?.Username : null)
                    && u.Messages.SequenceEqual(decision.Messages)));

            foreach (var person in Staff)
            {
                var holding = states.Count(s => s.Operator?.Username == person.Username);
                Require($"no operator holds more chats than their capacity ({person.Username} holds {holding})", holding <= Capacity);
                Require($"the capacity the host counts from the effects matches the chats held ({person.Username}: counted {reserved[person.Username]}, holds {holding})",
                    reserved[person.Username] == holding);
            }

            Require("the queue index kept from the effects matches the sessions' queue entries",
                states.Where(s => s.InQueue is not null).ToDictionary(s => s.Id, s => s.InQueue!).OrderBy(e => e.Key.Value)
                    .SequenceEqual(queueIndex.OrderBy(e => e.Key.Value)));

            if (state.Deadline?.Kind == DeadlineKind.OperatorFirstResponseReassign)
            {
                Require($"an operator is alerted before a chat is taken from them ({state.Operator?.Username} was not)",
                    alerted[index] == state.Operator?.Username);
            }
        }

        private void Require(string invariant, bool holds)
        {
            if (!holds && Violation is null)
            {
                var cut = invariant.IndexOf(" (", StringComparison.Ordinal);
                Violation = new Violation(cut < 0 ? invariant : invariant[..cut], invariant);
            }
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private static string Describe(SessionInput input) => input switch
        {
            VisitorWrote w => $"visitor writes \"{w.Text}\"",
            VisitorPressed p => $"visitor presses {p.Command.WireName()}{Describe(p.Routing)}",
            OperatorTakes t => $"{t.Operator.Username} takes",
            OperatorWrites w => $"{w.Operator.Username} writes",
            OperatorTransfers t => $"{t.Operator.Username} transfers to {t.Target}",
            OperatorReleases r => $"{r.Operator.Username} releases",
            OperatorLost l => $"{l.Operator.Username} lost{Describe(l.Routing)}",
            OperatorAsksToClose a => $"{a.Operator.Username} asks to close",
            OperatorCloses c => $"{c.Operator.Username} closes {c.Outcome}",
            DeadlineReached d => $"deadline{Describe(d.Routing)}",
            _ => input.ToString()!,
        };

        private static string Describe(Routing? routing) =>
            routing is null ? "" : $" (online {routing.Staffing.OnlineOperators}, free {routing.Staffing.FreeOperators}, waiting {routing.Waiting}, reserved {routing.Reserved?.Username ?? "none"})";
    }
}
