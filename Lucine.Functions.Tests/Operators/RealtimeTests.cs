using System.Net.WebSockets;
using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Operators;

/// <summary>The SignalR hub with a real client speaking the JSON hub protocol over a WebSocket.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class RealtimeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Visitor_and_operator_see_each_other_live()
    {
        var sara = await admin.HireAsync("sara");
        await using var desk = await HubClient.ConnectAsync(host.BaseAddress, sara.Token);
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        await using var widget = await HubClient.ConnectAsync(host.BaseAddress, visitor.Token!);

        await visitor.PressAsync("request_operator");
        var assigned = await desk.NextAsync("assigned");
        Assert.Equal(visitor.SessionId, assigned.GetProperty("sessionId").GetString());
        var status = await widget.NextAsync("status");
        Assert.Equal("with_operator", status.GetProperty("status").GetString());
        Assert.Equal("Op sara", status.GetProperty("operator").GetProperty("displayName").GetString());

        await sara.WriteAsync(visitor.SessionId!, "Buonasera!");
        var message = await widget.NextAsync("message", m => m.GetProperty("message").GetProperty("sender").GetString() == "operator");
        Assert.Equal("Buonasera!", message.GetProperty("message").GetProperty("text").GetString());

        await visitor.SayAsync("Grazie, ho una domanda");
        var fromVisitor = await desk.NextAsync("message", m => m.GetProperty("message").GetProperty("sender").GetString() == "visitor");
        Assert.Equal("Grazie, ho una domanda", fromVisitor.GetProperty("message").GetProperty("text").GetString());

        await widget.InvokeAsync("VisitorTyping", true);
        var typing = await desk.NextAsync("typing");
        Assert.Equal(("visitor", true), (typing.GetProperty("sender").GetString(), typing.GetProperty("isTyping").GetBoolean()));
        await desk.InvokeAsync("OperatorTyping", visitor.SessionId!, true);
        Assert.Equal("operator", (await widget.NextAsync("typing")).GetProperty("sender").GetString());
    }

    [Fact]
    public async Task Queued_visitors_learn_their_new_position_when_the_queue_moves()
    {
        var solo = await admin.HireAsync("solo", capacity: 1);
        var first = new Visitor(host.Http);
        await first.SayAsync("operatore");
        await first.PressAsync("request_operator");
        var second = new Visitor(host.Http);
        await second.SayAsync("operatore");
        await second.PressAsync("request_operator");
        var third = new Visitor(host.Http);
        await third.SayAsync("operatore");
        await using var desk = await HubClient.ConnectAsync(host.BaseAddress, admin.Token);
        await using var widget = await HubClient.ConnectAsync(host.BaseAddress, third.Token!);
        await third.PressAsync("request_operator");
        Assert.Equal(2, (await widget.NextAsync("queue")).GetProperty("position").GetInt32());
        Assert.Equal(third.SessionId, (await desk.NextAsync("queueChanged")).GetProperty("sessionId").GetString());

        await solo.ActAsync(first.SessionId!, "close", new { outcome = "resolved" });

        Assert.Equal(1, (await widget.NextAsync("queue", q => q.GetProperty("position").GetInt32() == 1)).GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Connections_without_a_valid_token_are_refused()
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("ciao");
        var other = new Visitor(host.Http);
        await other.SayAsync("ciao");

        // Another visitor's proof under this visitor's session id, the old "session:<id>:<token>" form, garbage, a tampered JWT.
        var forged = "v2." + visitor.SessionId + other.Token![(3 + SessionId.Length)..];
        foreach (var token in new[] { "", forged, $"session:{visitor.SessionId}:{visitor.Token}", "not-a-jwt", admin.Token[..^3] + "xyz" })
        {
            var failure = await Assert.ThrowsAsync<WebSocketException>(() => HubClient.ConnectAsync(host.BaseAddress, token));
            Assert.Contains("401", failure.Message);
        }

        var negotiate = await host.Http.PostAsync("/api/hub/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }
}
