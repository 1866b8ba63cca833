using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Operators;

/// <summary>Flows B and D of REFERENCE.md end to end: escalation, queue, assignment, live chat, closing.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class LiveChatTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<Visitor> EscalatedVisitorAsync()
    {
        var visitor = new Visitor(host.Http);
        var asked = await visitor.SayAsync("voglio parlare con un operatore");
        Assert.Equal(SessionStatus.ConfirmingEscalation, asked.Status);
        Assert.Equal(["request_operator", "continue_ai"], asked.SmartActions.Select(a => a.Action));
        return visitor;
    }

    [Fact]
    public async Task A_free_operator_gets_the_chat_at_once_and_the_visitor_closes_it_as_solved()
    {
        var giulia = await admin.HireAsync("giulia");
        var visitor = await EscalatedVisitorAsync();

        var joined = await visitor.PressAsync("request_operator");
        Assert.Equal(SessionStatus.WithOperator, joined.Status);
        Assert.Contains("Op giulia", joined.Reply);
        Assert.Equal(1, (await giulia.MeAsync()).ActiveChats);
        Assert.Equal(visitor.SessionId, Assert.Single(await giulia.ChatsAsync()).SessionId);

        Assert.Equal(HttpStatusCode.OK, (await giulia.WriteAsync(visitor.SessionId!, "Ciao, sono Giulia: come posso aiutarti? <b>")).StatusCode);
        var quiet = await visitor.SayAsync("Ho perso il biglietto");
        Assert.Equal(string.Empty, quiet.Reply);

        var seen = await visitor.MessagesAsync();
        var fromOperator = Assert.Single(seen.Messages, m => m.Sender == MessageSender.Operator);
        Assert.Equal("Ciao, sono Giulia: come posso aiutarti? <b>", fromOperator.Text);
        Assert.Equal("Op giulia", fromOperator.Author);
        Assert.Equal("Op giulia", seen.Operator!.DisplayName);
        Assert.Contains((await giulia.HistoryAsync(visitor.SessionId!)).Messages, m => m.Text == "Ho perso il biglietto");

        Assert.Equal(HttpStatusCode.OK, (await giulia.ActAsync(visitor.SessionId!, "close-request")).StatusCode);
        var closing = await visitor.MessagesAsync(seen.NextAfter);
        Assert.Equal(SessionStatus.Closing, closing.Status);
        Assert.Equal(["end_chat", "continue_chat"], closing.Messages[^1].SmartActions.Select(a => a.Action));

        var ended = await visitor.PressAsync("end_chat");
        Assert.Equal(SessionStatus.Ended, ended.Status);
        Assert.Equal(0, (await giulia.MeAsync()).ActiveChats);
        Assert.Empty(await giulia.ChatsAsync());
    }

    [Fact]
    public async Task With_every_operator_busy_the_visitor_queues_and_is_routed_when_a_chat_closes()
    {
        var marco = await admin.HireAsync("marco", capacity: 1);
        var first = await EscalatedVisitorAsync();
        await first.PressAsync("request_operator");

        var second = await EscalatedVisitorAsync();
        var queued = await second.PressAsync("request_operator");
        Assert.Equal(SessionStatus.Queued, queued.Status);
        Assert.Contains("1", queued.Reply);
        var polled = await second.MessagesAsync();
        Assert.Equal(1, polled.Queue!.Position);

        // clamp(ceil(1 waiting / 1 online × 5), 3, 30) minutes.
        Assert.Equal(5, polled.Queue.EstimatedWaitMinutes);
        var waiting = Assert.Single(await marco.QueueAsync());
        Assert.Equal((second.SessionId, 1), (waiting.SessionId, waiting.Position));

        Assert.Equal(HttpStatusCode.OK, (await marco.ActAsync(first.SessionId!, "close", new { outcome = "resolved" })).StatusCode);

        Assert.Equal(SessionStatus.WithOperator, (await second.MessagesAsync()).Status);
        Assert.Empty(await marco.QueueAsync());
        Assert.Equal(second.SessionId, Assert.Single(await marco.ChatsAsync()).SessionId);
    }

    [Fact]
    public async Task With_nobody_online_the_assistant_takes_the_contact_for_a_ticket()
    {
        await admin.HireAsync("away", availability: "away");
        var visitor = await EscalatedVisitorAsync();

        var offer = await visitor.PressAsync("request_operator");

        Assert.Equal(SessionStatus.CollectingContact, offer.Status);
        Assert.Equal(["cancel_ticket"], offer.SmartActions.Select(a => a.Action));
        Assert.Empty(await admin.QueueAsync());
    }

    [Fact]
    public async Task Ten_operators_taking_one_chat_at_once_leave_exactly_one_winner()
    {
        await admin.HireAsync("busy", capacity: 1);
        await (await EscalatedVisitorAsync()).PressAsync("request_operator");
        var visitor = await EscalatedVisitorAsync();
        Assert.Equal(SessionStatus.Queued, (await visitor.PressAsync("request_operator")).Status);
        var takers = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => admin.HireAsync($"taker{i}", availability: "away")));

        var responses = await Task.WhenAll(takers.Select(t => t.TakeAsync(visitor.SessionId!)));

        var winner = Assert.Single(takers.Zip(responses), p => p.Second.StatusCode == HttpStatusCode.OK).First;
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await ProblemAssert.IsProblemAsync(lost, HttpStatusCode.Conflict, "chat-not-waiting");
        }

        Assert.Equal("Op " + winner.Username, (await visitor.MessagesAsync()).Operator!.DisplayName);
        foreach (var taker in takers)
        {
            Assert.Equal(taker == winner ? 1 : 0, (await taker.MeAsync()).ActiveChats);
        }
    }

    [Fact]
    public async Task Fifty_escalations_at_once_fill_five_operators_to_capacity_and_queue_the_rest_in_order()
    {
        var team = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => admin.HireAsync($"team{i}", capacity: 2)));
        var visitors = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => EscalatedVisitorAsync()));

        var answers = await Task.WhenAll(visitors.Select(v => v.PressAsync("request_operator")));

        Assert.Equal(10, answers.Count(a => a.Status == SessionStatus.WithOperator));
        Assert.Equal(40, answers.Count(a => a.Status == SessionStatus.Queued));
        foreach (var member in team)
        {
            Assert.Equal(2, (await member.MeAsync()).ActiveChats);
            Assert.Equal(2, (await member.ChatsAsync()).Count);
        }

        var queue = await admin.QueueAsync();
        Assert.Equal(Enumerable.Range(1, 40), queue.Select(q => q.Position));
        Assert.Equal(queue.OrderBy(q => q.QueuedAt).ThenBy(q => q.SessionId, StringComparer.Ordinal).Select(q => q.SessionId), queue.Select(q => q.SessionId));
        var queuedVisitors = visitors.Zip(answers).Where(p => p.Second.Status == SessionStatus.Queued).Select(p => p.First).ToList();
        foreach (var visitor in queuedVisitors)
        {
            var position = (await visitor.MessagesAsync()).Queue!.Position;
            Assert.Equal(queue.Single(q => q.SessionId == visitor.SessionId).Position, position);
        }
    }

    [Fact]
    public async Task An_operator_acts_only_on_their_own_chats_and_only_with_a_valid_token()
    {
        var anna = await admin.HireAsync("anna");
        var visitor = await EscalatedVisitorAsync();
        await visitor.PressAsync("request_operator");
        var bruno = await admin.HireAsync("bruno");

        await ProblemAssert.IsProblemAsync(await bruno.WriteAsync(visitor.SessionId!, "ciao"), HttpStatusCode.Forbidden, "not-your-chat");
        await ProblemAssert.IsProblemAsync(await host.Http.GetAsync("/api/operator/queue"), HttpStatusCode.Unauthorized, "operator-token-required");
        var forged = new StaffDesk(host.Http, "anna", anna.Token[..^4] + "AAAA");
        await ProblemAssert.IsProblemAsync(await forged.SendAsync(HttpMethod.Get, "/api/operator/queue"), HttpStatusCode.Unauthorized, "invalid-operator-token");
        await ProblemAssert.IsProblemAsync(await anna.SendAsync(HttpMethod.Get, "/api/operators"), HttpStatusCode.Forbidden, "forbidden");

        // A supervisor may step in on any chat.
        var chiara = await admin.HireAsync("chiara", role: "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await chiara.WriteAsync(visitor.SessionId!, "Sono la supervisor")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await anna.SendAsync(HttpMethod.Post, "/api/operators/logout")).StatusCode);
        await ProblemAssert.IsProblemAsync(await anna.SendAsync(HttpMethod.Get, "/api/operators/me"), HttpStatusCode.Unauthorized, "invalid-operator-token");
    }

    [Fact]
    public async Task A_transfer_moves_the_chat_and_the_capacity_and_a_release_puts_it_back_in_the_queue_first()
    {
        var anna = await admin.HireAsync("anna2");
        var visitor = await EscalatedVisitorAsync();
        await visitor.PressAsync("request_operator");
        var bruno = await admin.HireAsync("bruno2", availability: "online");

        Assert.Equal(HttpStatusCode.OK, (await anna.ActAsync(visitor.SessionId!, "transfer", new { to = "bruno2" })).StatusCode);
        Assert.Equal((0, 1), ((await anna.MeAsync()).ActiveChats, (await bruno.MeAsync()).ActiveChats));
        Assert.Equal("Op bruno2", (await visitor.MessagesAsync()).Operator!.DisplayName);

        await anna.SetAvailabilityAsync("away");
        await bruno.SetAvailabilityAsync("away");
        Assert.Equal(HttpStatusCode.OK, (await bruno.ActAsync(visitor.SessionId!, "release")).StatusCode);
        var queued = Assert.Single(await admin.QueueAsync());
        Assert.Equal((visitor.SessionId, Lucine.Domain.Queue.QueuePriority.High), (queued.SessionId, queued.Priority));
        Assert.Equal(0, (await bruno.MeAsync()).ActiveChats);

        // Notes stay among operators.
        Assert.Equal(HttpStatusCode.Created, (await admin.ActAsync(visitor.SessionId!, "notes", new { text = "Cliente abituale" })).StatusCode);
        Assert.Equal("Cliente abituale", Assert.Single((await admin.HistoryAsync(visitor.SessionId!)).Notes).Text);
        Assert.DoesNotContain((await visitor.MessagesAsync()).Messages, m => m.Text.Contains("abituale", StringComparison.Ordinal));
    }
}
