using static Lucine.Domain.Tests.Sessions.Scenario;

namespace Lucine.Domain.Tests.Sessions;

/// <summary>Which chats a plain operator reads and annotates; supervisors read and annotate any.</summary>
[Trait("Category", Layer.Unit)]
public sealed class ChatAccessTests
{
    private static SessionState EndedWithAnna() => Decide(AnnaAnswered(), new OperatorCloses(Anna, false, SessionOutcome.Resolved), 2).State;

    [Fact]
    public void A_queued_chat_is_read_by_anyone_who_may_take_it_but_annotated_by_no_plain_operator()
    {
        Assert.Null(ChatAccess.ToRead(Queued(), Bruno.Username, supervising: false));
        Assert.Equal("not-your-chat", ChatAccess.ToNote(Queued(), Bruno.Username, supervising: false)?.Code);
        Assert.Null(ChatAccess.ToNote(Queued(), Carla.Username, supervising: true));
    }

    [Fact]
    public void A_chat_in_charge_is_the_operators_and_the_supervisors_only()
    {
        Assert.Null(ChatAccess.ToRead(WithAnna(), Anna.Username, supervising: false));
        Assert.Null(ChatAccess.ToNote(WithAnna(), Anna.Username, supervising: false));
        Assert.Equal(RejectionKind.Forbidden, ChatAccess.ToRead(WithAnna(), Bruno.Username, supervising: false)?.Kind);
        Assert.Equal(RejectionKind.Forbidden, ChatAccess.ToNote(WithAnna(), Bruno.Username, supervising: false)?.Kind);
        Assert.Null(ChatAccess.ToRead(WithAnna(), Carla.Username, supervising: true));
    }

    [Fact]
    public void An_ended_chat_stays_readable_by_the_operator_who_was_in_charge()
    {
        var ended = EndedWithAnna();

        Assert.Equal((SessionStatus.Ended, (OperatorRef?)null, "anna"), (ended.Status, ended.Operator, ended.LastOperator));
        Assert.Null(ChatAccess.ToRead(ended, Anna.Username, supervising: false));
        Assert.Null(ChatAccess.ToNote(ended, Anna.Username, supervising: false));
        Assert.Equal("not-your-chat", ChatAccess.ToRead(ended, Bruno.Username, supervising: false)?.Code);
        Assert.Null(ChatAccess.ToRead(ended, Carla.Username, supervising: true));
    }
}
