using System.Diagnostics.Metrics;
using System.IdentityModel.Tokens.Jwt;
using System.Net.WebSockets;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Lucine.Functions.Realtime;
using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Operators;

/// <summary>
/// What realtime must do in both modes, with a real client speaking the JSON hub protocol over a
/// WebSocket: standalone through Lucine's own hub, on Azure through Azure SignalR Service (its stand-in).
/// </summary>
public abstract class RealtimeContract(AzuriteFixture azurite) : IAsyncLifetime
{
    protected LucineHost Host { get; private set; } = null!;

    protected StaffDesk Admin { get; private set; } = null!;

    /// <summary>Moved by presence tests only, and by less than the service's token skew, so that both modes keep accepting tokens.</summary>
    protected ShiftedClock Clock { get; } = new();

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public virtual async Task InitializeAsync()
    {
        Host = await StaffDesk.StartHostAsync(azurite.ConnectionString, Clock, settings =>
        {
            settings["Operators:PresenceGrace"] = Grace.ToString();
            Configure(settings);
        });
        Admin = await StaffDesk.LoginAsync(Host.Http);
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    protected abstract Task<HubClient> ConnectAsync(string token);

    [Fact]
    public async Task Visitor_and_operator_see_each_other_live()
    {
        var sara = await Admin.HireAsync("sara");
        await using var desk = await ConnectAsync(sara.Token);
        var visitor = new Visitor(Host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        await using var widget = await ConnectAsync(visitor.Token!);

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

        Assert.Equal(HttpStatusCode.NoContent, (await visitor.TypingAsync(true)).StatusCode);
        var typing = await desk.NextAsync("typing");
        Assert.Equal(("visitor", true), (typing.GetProperty("sender").GetString(), typing.GetProperty("isTyping").GetBoolean()));
        Assert.Equal(HttpStatusCode.NoContent, (await sara.SendAsync(HttpMethod.Post, $"/api/operator/chats/{visitor.SessionId}/typing", new { isTyping = true })).StatusCode);
        Assert.Equal("operator", (await widget.NextAsync("typing")).GetProperty("sender").GetString());
    }

    [Fact]
    public async Task Queued_visitors_learn_their_new_position_when_the_queue_moves()
    {
        var solo = await Admin.HireAsync("solo", capacity: 1);
        var first = new Visitor(Host.Http);
        await first.SayAsync("operatore");
        await first.PressAsync("request_operator");
        var second = new Visitor(Host.Http);
        await second.SayAsync("operatore");
        await second.PressAsync("request_operator");
        var third = new Visitor(Host.Http);
        await third.SayAsync("operatore");
        await using var desk = await ConnectAsync(Admin.Token);
        await using var widget = await ConnectAsync(third.Token!);
        await third.PressAsync("request_operator");
        Assert.Equal(2, (await widget.NextAsync("queue")).GetProperty("position").GetInt32());
        Assert.Equal(third.SessionId, (await desk.NextAsync("queueChanged")).GetProperty("sessionId").GetString());

        await solo.ActAsync(first.SessionId!, "close", new { outcome = "resolved" });

        Assert.Equal(1, (await widget.NextAsync("queue", q => q.GetProperty("position").GetInt32() == 1)).GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Typing_is_told_only_by_the_people_in_the_chat()
    {
        var sara = await Admin.HireAsync("sara");
        var other = await Admin.HireAsync("other");
        var visitor = new Visitor(Host.Http);
        await visitor.SayAsync("operatore");
        await visitor.PressAsync("request_operator");
        var stranger = new Visitor(Host.Http);
        await stranger.SayAsync("ciao");

        var notTheirs = await other.SendAsync(HttpMethod.Post, $"/api/operator/chats/{visitor.SessionId}/typing", new { isTyping = true });
        var anotherSession = await stranger.Through(Host.Http).TypingAsyncFor(visitor.SessionId!);
        var noValue = await sara.SendAsync(HttpMethod.Post, $"/api/operator/chats/{visitor.SessionId}/typing", new { });

        await ProblemAssert.IsProblemAsync(notTheirs, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, anotherSession.StatusCode);
        await ProblemAssert.IsProblemAsync(noValue, HttpStatusCode.BadRequest, "invalid-typing");
    }

    [Fact]
    public async Task An_operators_connections_are_known_while_open()
    {
        var sara = await Admin.HireAsync("sara");
        using var meters = new MeterWatcher(Host.Services.GetRequiredService<IMeterFactory>());
        Assert.False((await sara.MeAsync()).Connected);

        var desk = await ConnectAsync(sara.Token);
        await meters.WhenTotalAsync(OperatorPresence.ConnectedInstrument, 1);
        Assert.True((await sara.MeAsync()).Connected);
        await desk.DisposeAsync();
        await meters.WhenTotalAsync(OperatorPresence.DisconnectedInstrument, 1);

        var after = await sara.MeAsync();
        Assert.False(after.Connected);
    }

    [Fact]
    public async Task An_operator_gone_for_the_grace_period_is_away_their_unanswered_chat_moves_on_and_they_are_back_when_they_reconnect()
    {
        var sara = await Admin.HireAsync("sara");
        using var meters = new MeterWatcher(Host.Services.GetRequiredService<IMeterFactory>());
        var desk = await ConnectAsync(sara.Token);
        await meters.WhenTotalAsync(OperatorPresence.ConnectedInstrument, 1);
        var waiting = new Visitor(Host.Http);
        await waiting.SayAsync("operatore");
        Assert.Contains("Op sara", (await waiting.PressAsync("request_operator")).Reply);
        var answered = new Visitor(Host.Http);
        await answered.SayAsync("operatore");
        await answered.PressAsync("request_operator");
        await sara.WriteAsync(answered.SessionId!, "Eccomi");

        // The browser is closed, not logged out.
        await desk.DisposeAsync();
        await meters.WhenTotalAsync(OperatorPresence.DisconnectedInstrument, 1);
        Clock.Advance(Grace - TimeSpan.FromSeconds(1));
        await SweepPresenceAsync();
        Assert.Equal(OperatorAvailability.Online, (await sara.MeAsync()).Availability);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var leo = await Admin.HireAsync("leo");
        await SweepPresenceAsync();

        var team = await StaffDesk.ReadAsync<ItemsResponse<OperatorProfile>>(await Admin.SendAsync(HttpMethod.Get, "/api/operators"));
        Assert.Equal(OperatorAvailability.Away, team.Items.Single(o => o.Username == "sara").Availability);
        Assert.Equal("Op leo", (await waiting.MessagesAsync()).Operator!.DisplayName);
        Assert.Equal("Op sara", (await answered.MessagesAsync()).Operator!.DisplayName);
        var next = new Visitor(Host.Http);
        await next.SayAsync("operatore");
        Assert.Contains("Op leo", (await next.PressAsync("request_operator")).Reply);

        await using var back = await ConnectAsync(sara.Token);
        await meters.WhenTotalAsync(OperatorPresence.ConnectedInstrument, 2);
        Assert.Equal(OperatorAvailability.Online, (await sara.MeAsync()).Availability);
        Assert.Equal(2, (await leo.MeAsync()).ActiveChats);
    }

    [Fact]
    public async Task Reconnecting_within_the_grace_period_changes_nothing()
    {
        var sara = await Admin.HireAsync("sara");
        using var meters = new MeterWatcher(Host.Services.GetRequiredService<IMeterFactory>());
        var first = await ConnectAsync(sara.Token);
        await using var otherTab = await ConnectAsync(sara.Token);
        await meters.WhenTotalAsync(OperatorPresence.ConnectedInstrument, 2);
        var visitor = new Visitor(Host.Http);
        await visitor.SayAsync("operatore");
        await visitor.PressAsync("request_operator");

        // One tab of two closed: still connected, whatever the time.
        await first.DisposeAsync();
        await meters.WhenTotalAsync(OperatorPresence.DisconnectedInstrument, 1);
        Clock.Advance(Grace * 2);
        await SweepPresenceAsync();
        Assert.Equal(OperatorAvailability.Online, (await sara.MeAsync()).Availability);

        // The last one closed and a new one opened before the grace period is over (a reload).
        await otherTab.DisposeAsync();
        await meters.WhenTotalAsync(OperatorPresence.DisconnectedInstrument, 2);
        Clock.Advance(Grace - TimeSpan.FromSeconds(1));
        await using var reloaded = await ConnectAsync(sara.Token);
        await meters.WhenTotalAsync(OperatorPresence.ConnectedInstrument, 3);
        Clock.Advance(Grace * 2);
        await SweepPresenceAsync();

        var me = await sara.MeAsync();
        Assert.Equal((OperatorAvailability.Online, true, 1), (me.Availability, me.Connected, me.ActiveChats));
        Assert.Equal("Op sara", (await visitor.MessagesAsync()).Operator!.DisplayName);
    }

    [Fact]
    public async Task A_deactivated_operator_is_disconnected_refused_and_their_chat_goes_back_to_the_queue()
    {
        var sara = await Admin.HireAsync("sara");
        using var meters = new MeterWatcher(Host.Services.GetRequiredService<IMeterFactory>());
        await using var desk = await ConnectAsync(sara.Token);
        await meters.WhenTotalAsync(OperatorPresence.ConnectedInstrument, 1);
        var visitor = new Visitor(Host.Http);
        await visitor.SayAsync("operatore");
        await visitor.PressAsync("request_operator");

        var deactivated = await Admin.SendAsync(HttpMethod.Post, "/api/operators/sara/deactivate");

        Assert.False((await StaffDesk.ReadAsync<OperatorProfile>(deactivated)).Active);
        await desk.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        await ProblemAssert.IsProblemAsync(await sara.SendAsync(HttpMethod.Get, "/api/operator/chats"), HttpStatusCode.Unauthorized, "invalid-operator-token");
        var login = await Host.Http.PostAsJsonAsync("/api/operators/login", new { username = "sara", password = StaffDesk.AdminPassword });
        await ProblemAssert.IsProblemAsync(login, HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(SessionStatus.Queued, (await visitor.MessagesAsync()).Status);
    }

    private async Task SweepPresenceAsync() =>
        Assert.Equal(HttpStatusCode.OK, (await Host.Http.PostAsync("/SweepPresence", null)).StatusCode);
}

/// <summary>Standalone: Lucine's own SignalR hub.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class HubRealtimeTests(AzuriteFixture azurite) : RealtimeContract(azurite)
{
    protected override Task<HubClient> ConnectAsync(string token) => HubClient.ConnectAsync(Host.BaseAddress, token);

    [Fact]
    public async Task Connections_without_a_valid_token_are_refused()
    {
        var visitor = new Visitor(Host.Http);
        await visitor.SayAsync("ciao");
        var other = new Visitor(Host.Http);
        await other.SayAsync("ciao");

        // Another visitor's proof under this visitor's session id, the old "session:<id>:<token>" form, garbage, a tampered JWT.
        var forged = "v2." + visitor.SessionId + other.Token![(3 + SessionId.Length)..];
        foreach (var token in new[] { "", forged, $"session:{visitor.SessionId}:{visitor.Token}", "not-a-jwt", Admin.Token[..^3] + "xyz" })
        {
            var failure = await Assert.ThrowsAsync<WebSocketException>(() => HubClient.ConnectAsync(Host.BaseAddress, token));
            Assert.Contains("401", failure.Message);
        }

        var negotiate = await Host.Http.PostAsync("/api/hub/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }
}

/// <summary>
/// On Azure: Azure SignalR Service in serverless mode (the stand-in checks every token it is shown), Lucine
/// pushing through its REST API and told of connections by its upstream.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class ServiceRealtimeTests(AzuriteFixture azurite) : RealtimeContract(azurite)
{
    private SignalRServiceStandIn service = null!;

    public override async Task InitializeAsync()
    {
        service = await SignalRServiceStandIn.StartAsync();
        await base.InitializeAsync();
        service.Upstream = Host.BaseAddress;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await service.DisposeAsync();

        // Every token Lucine made, for clients and for each REST call, passed the service's checks.
        Assert.Empty(service.Refusals);
    }

    protected override void Configure(Dictionary<string, string?> settings) => settings["SignalR:ConnectionString"] = service.ConnectionString;

    protected override Task<HubClient> ConnectAsync(string token) => HubClient.ConnectThroughServiceAsync(Host.Http, token);

    [Fact]
    public async Task Negotiation_sends_each_client_to_the_service_as_itself()
    {
        var visitor = new Visitor(Host.Http);
        await visitor.SayAsync("ciao");

        var forVisitor = await NegotiateAsync(visitor.Token!);
        var forAdmin = await NegotiateAsync(Admin.Token);

        var clientUrl = $"{service.BaseAddress.GetLeftPart(UriPartial.Authority)}/client/?hub=lucine";
        Assert.All([forVisitor, forAdmin], n => Assert.Equal(clientUrl, n.Url));
        var token = new JwtSecurityTokenHandler().ReadJwtToken(forVisitor.AccessToken);
        Assert.Equal("HS256", token.Header.Alg);
        Assert.Equal([clientUrl], token.Audiences);
        Assert.Equal("visitor:" + visitor.SessionId, token.Claims.Single(c => c.Type == "nameid").Value);
        Assert.InRange(token.ValidTo, DateTime.UtcNow.AddMinutes(50), DateTime.UtcNow.AddMinutes(70));
        Assert.Equal("operator:admin", new JwtSecurityTokenHandler().ReadJwtToken(forAdmin.AccessToken).Claims.Single(c => c.Type == "nameid").Value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Http.PostAsync("/api/hub/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.GetAsync("/api/hub")).StatusCode);
    }

    [Fact]
    public async Task Each_push_is_one_rest_call_per_user_with_a_token_for_that_call()
    {
        var sara = await Admin.HireAsync("sara");
        await using var desk = await ConnectAsync(sara.Token);
        var visitor = new Visitor(Host.Http);
        await visitor.SayAsync("operatore");
        await using var widget = await ConnectAsync(visitor.Token!);
        await visitor.PressAsync("request_operator");
        await widget.NextAsync("status");
        var calls = service.RestCalls;

        await sara.WriteAsync(visitor.SessionId!, "Eccomi");
        await widget.NextAsync("message", m => m.GetProperty("message").GetProperty("sender").GetString() == "operator");

        // The message goes to the visitor and to the operator in charge: one call each (side by side, so in
        // either order), each token made for its call's URL.
        Assert.Equal(
            new[] { $"/api/v1/hubs/lucine/users/visitor%3A{visitor.SessionId}", "/api/v1/hubs/lucine/users/operator%3Asara" }.Order(StringComparer.Ordinal),
            service.RestPaths.Skip(calls).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Upstream_calls_not_signed_with_the_key_are_refused_and_change_nothing()
    {
        var sara = await Admin.HireAsync("sara");
        foreach (var signature in new[] { null, "sha256=00", SignalRServiceStandIn.Signature("conn-1", "another-key-another-key-another-key-00") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime/upstream/lucine/connections/connected") { Content = JsonContent.Create(new { type = 10 }) };
            request.Headers.Add("X-ASRS-Connection-Id", "conn-1");
            request.Headers.Add("X-ASRS-User-Id", "operator:sara");
            if (signature is not null)
            {
                request.Headers.Add("X-ASRS-Signature", signature);
            }

            await ProblemAssert.IsProblemAsync(await Host.Http.SendAsync(request), HttpStatusCode.Forbidden, "invalid-webhook-signature");
        }

        Assert.False((await sara.MeAsync()).Connected);
    }

    private async Task<NegotiateResponse> NegotiateAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hub/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new("Bearer", token);
        var response = await Host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsync<NegotiateResponse>())!;
    }
}
