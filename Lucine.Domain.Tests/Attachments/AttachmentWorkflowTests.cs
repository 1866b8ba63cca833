using Lucine.Domain.Tests.Sessions;
using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Attachments;

/// <summary>A file is an input of the session and of the ticket: a message or entry that carries it, within one budget.</summary>
[Trait("Category", Layer.Unit)]
public sealed class AttachmentWorkflowTests
{
    private static readonly AttachmentPolicy Small = new(MaxBytes: 100, BudgetBytes: 150, MaxCount: 5, PerMinute: 5);
    private static readonly SessionWorkflow Sessions = new(Knowledge, Rate, Timeouts, Scenario.Queue, Scenario.Tickets, Small);
    private static readonly TicketWorkflow TicketFlow = new(Knowledge, Scenario.Tickets, Small);
    private static readonly Attachment Photo = new("abcdefghij012345", "foto.png", AttachmentContent.Png, 80);

    [Fact]
    public void The_visitors_file_is_a_message_and_counts_against_the_session()
    {
        var decision = Sessions.Decide(AnnaAnswered(), new VisitorAttaches(Photo, "Il mio biglietto", "c-1"), At(3));

        var message = Assert.Single(decision.Messages);
        Assert.Equal((MessageSender.Visitor, "Il mio biglietto", Photo, "c-1"), (message.Sender, message.Text, message.Attachment, message.ClientMessageId));
        Assert.Equal(new AttachmentBudget(80, 1, At(3), 1), decision.State.Attachments);
        Assert.Equal("Il mio biglietto", decision.State.LastVisitorWords);
        Assert.Contains(decision.Effects, e => e is PublishUpdate update && update.Messages.Contains(message));
    }

    [Fact]
    public void The_operators_file_follows_the_budget_the_visitor_started()
    {
        var state = Sessions.Decide(AnnaAnswered(), new VisitorAttaches(Photo, "", null), At(3)).State;

        var refused = Sessions.Decide(state, new OperatorAttaches(Anna, false, Photo with { Id = "abcdefghij012346" }, "", null), At(4));

        Assert.Equal("attachment-budget-exceeded", refused.Rejection!.Code);
        Assert.Equal(state, refused.State);
    }

    [Fact]
    public void Only_the_operator_in_charge_or_a_supervisor_sends_a_file_as_with_writing()
    {
        var refused = Sessions.Decide(AnnaAnswered(), new OperatorAttaches(Bruno, false, Photo, "", null), At(3));
        var supervised = Sessions.Decide(AnnaAnswered(), new OperatorAttaches(Carla, true, Photo, "Ecco", null), At(3));

        Assert.Equal(ChatAccess.NotYours, refused.Rejection);
        var message = Assert.Single(supervised.Messages);
        Assert.Equal((MessageSender.Operator, "Carla", Photo), (message.Sender, message.Author, message.Attachment));
    }

    [Fact]
    public void No_file_while_a_contact_is_collected_or_after_the_end()
    {
        var collecting = Decide(Bot(), Pressed(VisitorCommand.RequestTicket), 1).State;

        Assert.Equal("attachment-not-now", Sessions.Decide(collecting, new VisitorAttaches(Photo, "", null), At(2)).Rejection!.Code);
        Assert.Equal("chat-ended", Sessions.Decide(Ended(), new VisitorAttaches(Photo, "", null), At(3)).Rejection!.Code);
    }

    [Fact]
    public void A_visitor_back_with_a_file_brings_the_operator_back_too()
    {
        var decision = Sessions.Decide(WaitingClient(), new VisitorAttaches(Photo, "", null), At(11));

        Assert.Equal(SessionStatus.WithOperator, decision.State.Status);
    }

    [Fact]
    public void A_ticket_gets_the_customers_file_as_their_message_and_the_staffs_as_a_reply()
    {
        var opened = TicketFlow.Open(new TicketDraft(new TicketNumber(2025, 7), new CustomerContact("Maria", ContactChannel.Email, "maria@example.com"),
            Language.Italian, TicketPriority.Medium, TicketSource.Api, "Biglietti", "…", null, 0), new TicketLinks("code", null), T0).State;

        var fromCustomer = TicketFlow.Decide(opened, new CustomerAttaches(Photo, "Ricevuta"), At(1));
        var entry = Assert.Single(fromCustomer.Entries);
        Assert.Equal((TicketEntryKind.CustomerMessage, Photo, true), (entry.Kind, entry.Attachment, entry.IsShownToCustomer));
        Assert.Contains(fromCustomer.Effects, e => e is AlertStaff);

        var small = Photo with { Id = "abcdefghij012346", Size = 70, Name = "risposta.png" };
        var fromStaff = TicketFlow.Decide(fromCustomer.State, new StaffAttaches("anna", small, ""), At(2));
        var reply = Assert.Single(fromStaff.Entries, e => e.Attachment is not null);
        Assert.Equal(TicketEntryKind.Reply, reply.Kind);
        Assert.Contains("risposta.png", Assert.Single(fromStaff.Effects.OfType<NotifyCustomer>()).Notification.Text);
        Assert.Equal(new AttachmentBudget(150, 2, At(2), 1), fromStaff.State.Attachments);

        var over = TicketFlow.Decide(fromStaff.State, new CustomerAttaches(Photo with { Id = "abcdefghij012347", Size = 1 }, ""), At(3));
        Assert.Equal("attachment-budget-exceeded", over.Rejection!.Code);
    }
}
