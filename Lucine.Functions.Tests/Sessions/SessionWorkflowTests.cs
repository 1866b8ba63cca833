using Lucine.Domain;
using Lucine.Domain.Assistant;
using Lucine.Domain.Sessions;
using Lucine.Functions.Tests.Assistant;

namespace Lucine.Functions.Tests.Sessions;

public sealed class SessionWorkflowTests
{
    private static readonly KnowledgeBase Knowledge = ShippedKnowledge.Load();
    private static readonly SessionWorkflow Workflow = new(Knowledge, new MessageRatePolicy(3, TimeSpan.FromMinutes(1)));
    private static readonly LocalAnswerer Answerer = new(Knowledge);
    private static readonly DateTimeOffset Now = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);
    private static readonly SessionId Id = SessionId.FromBytes(new byte[16]);

    private static VisitorWrote Wrote(string text, string? clientMessageId = null) =>
        new(text, clientMessageId, Answerer.Answer(new AssistantQuestion(text, null, ShippedKnowledge.SeasonDay)));

    [Fact]
    public void A_question_appends_the_visitor_line_and_the_answer_in_sequence()
    {
        var state = SessionState.Start(Id, Now) with { LastSequence = 6 };

        var decision = Workflow.Decide(state, Wrote("Quanto costa il biglietto?", "c-1"), Now);

        Assert.Collection(
            decision.Messages,
            visitor =>
            {
                Assert.Equal((7, MessageSender.Visitor, "Quanto costa il biglietto?", "c-1"), (visitor.Sequence, visitor.Sender, visitor.Text, visitor.ClientMessageId));
            },
            bot =>
            {
                Assert.Equal((8, MessageSender.Bot), (bot.Sequence, bot.Sender));
                Assert.Contains("€9", bot.Text);
                Assert.Equal("buy_tickets", Assert.Single(bot.Actions).Action);
            });
        Assert.Equal(8, decision.State.LastSequence);
        Assert.Equal(Language.Italian, decision.State.Language);
        Assert.Equal(SessionStatus.Bot, decision.State.Status);
    }

    [Fact]
    public void Each_answer_records_a_chat_message_event()
    {
        var decision = Workflow.Decide(SessionState.Start(Id, Now), Wrote("Can I bring my dog?"), Now);

        var analytics = Assert.IsType<RecordAnalytics>(Assert.Single(decision.Effects)).Event;
        Assert.Equal(AnalyticsEventTypes.ChatMessage, analytics.Type);
        Assert.Equal(Id, analytics.SessionId);
        Assert.Equal("en", analytics.Data["language"]);
        Assert.Equal("answered", analytics.Data["outcome"]);
        Assert.Equal("pets", analytics.Data["topics"]);
        Assert.Equal("local", analytics.Data["answerer"]);
    }

    [Theory]
    [InlineData("posso portare un drone?", "not_known")]
    [InlineData("vorrei un rimborso", "needs_human")]
    public void When_the_assistant_cannot_answer_the_visitor_is_offered_a_person(string text, string outcome)
    {
        var decision = Workflow.Decide(SessionState.Start(Id, Now), Wrote(text), Now);

        var reply = decision.Messages[^1];
        Assert.EndsWith("Vuoi che ti metta in contatto con una persona dello staff?", reply.Text);
        Assert.Equal(
            [(SmartActionKind.Command, "request_operator"), (SmartActionKind.Command, "continue_ai")],
            reply.Actions.Select(a => (a.Kind, a.Action)));
        Assert.Equal(outcome, ((RecordAnalytics)decision.Effects[0]).Event.Data["outcome"]);
    }

    [Fact]
    public void Asking_for_a_person_with_nobody_in_chat_gives_the_staff_channels()
    {
        var state = SessionState.Start(Id, Now) with { LastSequence = 2, Language = Language.English };

        var decision = Workflow.Decide(state, new VisitorPressed(VisitorCommand.RequestOperator, "c-2"), Now);

        Assert.Equal("Yes, I'd like to talk to a person", decision.Messages[0].Text);
        Assert.Equal(MessageSender.Visitor, decision.Messages[0].Sender);
        var reply = decision.Messages[1];
        Assert.Contains("WhatsApp at +39 312 345 6789", reply.Text);
        Assert.Equal(["whatsapp", "email"], reply.Actions.Select(a => a.Action));
        Assert.Equal(AnalyticsEventTypes.EscalationRequest, ((RecordAnalytics)Assert.Single(decision.Effects)).Event.Type);
        Assert.Equal(4, decision.State.LastSequence);
    }

    [Fact]
    public void Continuing_with_the_assistant_is_acknowledged()
    {
        var decision = Workflow.Decide(SessionState.Start(Id, Now), new VisitorPressed(VisitorCommand.ContinueAi, null), Now);

        Assert.Equal("No, continuo con l'assistente", decision.Messages[0].Text);
        Assert.Contains("Chiedimi pure", decision.Messages[1].Text);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Deciding_twice_on_the_same_input_gives_the_same_decision()
    {
        var state = SessionState.Start(Id, Now);
        var input = Wrote("orari?", "c-3");

        var first = Workflow.Decide(state, input, Now);
        var second = Workflow.Decide(state, input, Now);

        Assert.Equal(first.State, second.State);
        Assert.Equal(
            first.Messages.Select(m => (m.Sequence, m.Sender, m.Text, m.At, string.Join('|', m.Actions))),
            second.Messages.Select(m => (m.Sequence, m.Sender, m.Text, m.At, string.Join('|', m.Actions))));
    }

    [Fact]
    public void Each_visitor_input_counts_towards_the_session_rate()
    {
        var state = SessionState.Start(Id, Now);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(Workflow.VisitorMustWait(state, Now));
            state = Workflow.Decide(state, i % 2 == 0 ? Wrote("orari?") : new VisitorPressed(VisitorCommand.ContinueAi, null), Now.AddSeconds(i)).State;
        }

        Assert.Equal(TimeSpan.FromSeconds(60), Workflow.VisitorMustWait(state, Now));
        Assert.Equal(TimeSpan.FromSeconds(1), Workflow.VisitorMustWait(state, Now.AddSeconds(59)));
        Assert.Null(Workflow.VisitorMustWait(state, Now.AddMinutes(1)));
        Assert.Equal(1, Workflow.Decide(state, Wrote("prezzi?"), Now.AddMinutes(1)).State.MessagesInWindow);
    }
}
