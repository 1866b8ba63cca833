using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Operators;

/// <summary>The durable timers through the real sweep (POST /SweepDeadlines, as the Functions host calls it), on the test's clock.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class DeadlineTests(AzuriteFixture azurite)
{
    private readonly ManualClock clock = new(new DateTimeOffset(2025, 12, 13, 18, 0, 0, TimeSpan.Zero));

    private Task<LucineHost> StartAsync(Action<Dictionary<string, string?>>? more = null) => StaffDesk.StartHostAsync(azurite.ConnectionString, clock, more);

    private static async Task SweepAsync(LucineHost host) =>
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync("/SweepDeadlines", null)).StatusCode);

    private static async Task<Visitor> QueuedVisitorAsync(LucineHost host)
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        Assert.Equal(SessionStatus.Queued, (await visitor.PressAsync("request_operator")).Status);
        return visitor;
    }

    [Fact]
    public async Task A_long_queue_wait_offers_a_ticket_then_raises_priority_then_takes_the_contact_for_a_ticket()
    {
        await using var host = await StartAsync();
        var admin = await StaffDesk.LoginAsync(host.Http);
        var solo = await admin.HireAsync("solo", capacity: 1);
        await FillTheOnlySlotAsync(host, solo);
        var visitor = await QueuedVisitorAsync(host);

        clock.Advance(TimeSpan.FromMinutes(4));
        await SweepAsync(host);
        Assert.Equal(SessionStatus.Queued, (await visitor.MessagesAsync()).Status);
        Assert.DoesNotContain((await visitor.MessagesAsync()).Messages, m => m.SmartActions.Any(a => a.Action == "request_ticket"));

        clock.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync(host);
        Assert.Contains((await visitor.MessagesAsync()).Messages, m => m.Sender == MessageSender.System && m.SmartActions.Any(a => a.Action == "request_ticket"));

        clock.Advance(TimeSpan.FromMinutes(10));
        await SweepAsync(host);
        Assert.Equal(QueuePriority.High, Assert.Single(await admin.QueueAsync()).Priority);

        clock.Advance(TimeSpan.FromMinutes(15));
        await SweepAsync(host);
        var after = await visitor.MessagesAsync();
        Assert.Equal(SessionStatus.CollectingContact, after.Status);
        Assert.Equal(["cancel_ticket"], after.Messages[^1].SmartActions.Select(a => a.Action));
        Assert.Empty(await admin.QueueAsync());
    }

    /// <summary>Fills the only operator's only slot (and the operator answers, so keeps it), so that the next visitor queues.</summary>
    private static async Task FillTheOnlySlotAsync(LucineHost host, StaffDesk desk)
    {
        var first = new Visitor(host.Http);
        await first.SayAsync("voglio parlare con un operatore");
        Assert.Equal(SessionStatus.WithOperator, (await first.PressAsync("request_operator")).Status);
        Assert.Equal(HttpStatusCode.OK, (await desk.WriteAsync(first.SessionId!, "Arrivo!")).StatusCode);
    }

    [Fact]
    public async Task A_silent_operator_is_alerted_at_three_minutes_and_replaced_at_five()
    {
        await using var host = await StartAsync();
        var admin = await StaffDesk.LoginAsync(host.Http);
        var slow = await admin.HireAsync("slow");
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        await visitor.PressAsync("request_operator");
        var quick = await admin.HireAsync("quick");

        clock.Advance(TimeSpan.FromMinutes(3));
        await SweepAsync(host);
        Assert.Equal("Op slow", (await visitor.MessagesAsync()).Operator!.DisplayName);

        clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync(host);
        Assert.Equal("Op quick", (await visitor.MessagesAsync()).Operator!.DisplayName);
        Assert.Equal((0, 1), ((await slow.MeAsync()).ActiveChats, (await quick.MeAsync()).ActiveChats));
    }

    [Fact]
    public async Task A_quiet_visitor_is_waited_for_then_the_chat_ends_and_frees_the_operator()
    {
        await using var host = await StartAsync();
        var admin = await StaffDesk.LoginAsync(host.Http);
        var op = await admin.HireAsync("patient");
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        await visitor.PressAsync("request_operator");
        await op.WriteAsync(visitor.SessionId!, "Eccomi!");

        clock.Advance(TimeSpan.FromMinutes(10));
        await SweepAsync(host);
        Assert.Equal(SessionStatus.WaitingClient, (await visitor.MessagesAsync()).Status);

        clock.Advance(TimeSpan.FromMinutes(20));
        await SweepAsync(host);
        Assert.Equal(SessionStatus.Ended, (await visitor.MessagesAsync()).Status);
        Assert.Equal(0, (await op.MeAsync()).ActiveChats);

        // Writing again starts a new conversation with the assistant.
        var again = await visitor.SayAsync("Quanto costa il biglietto?");
        Assert.Equal(SessionStatus.Bot, again.Status);
        Assert.Contains("€", again.Reply);
    }

    [Fact]
    public async Task A_deadline_that_fell_due_while_the_app_was_down_fires_exactly_once_after_a_restart()
    {
        var prefix = LucineHost.NewTablePrefix();
        var keys = (Session: LucineHost.NewSecret(), Operator: LucineHost.NewSecret());
        void SameStorage(Dictionary<string, string?> settings)
        {
            settings["Storage:TablePrefix"] = prefix;
            settings["Security:SessionTokenKey"] = keys.Session;
            settings["Security:OperatorTokenKey"] = keys.Operator;
        }

        Visitor visitor;
        await using (var before = await StartAsync(SameStorage))
        {
            var admin = await StaffDesk.LoginAsync(before.Http);
            await FillTheOnlySlotAsync(before, await admin.HireAsync("only", capacity: 1));
            visitor = await QueuedVisitorAsync(before);
        }

        clock.Advance(TimeSpan.FromMinutes(6));
        await using var after = await StartAsync(SameStorage);
        var resumed = visitor.Through(after.Http);

        // Two sweeps at once and one more after: the offer is made once.
        await Task.WhenAll(SweepAsync(after), SweepAsync(after));
        await SweepAsync(after);

        var offers = (await resumed.MessagesAsync()).Messages.Count(m => m.SmartActions.Any(a => a.Action == "request_ticket"));
        Assert.Equal(1, offers);
    }
}
