using Lucine.Functions.Chat;
using Lucine.Functions.Satisfaction;
using Lucine.Functions.Storage;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;
using Lucine.Functions.Tickets;

namespace Lucine.Functions.Tests.Satisfaction;

/// <summary>"How did we do?" over HTTP: a visitor rates the chat an operator closed, a customer the ticket resolved for them.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class RatingApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ManualClock clock = new(new DateTimeOffset(2025, 12, 13, 18, 0, 0, TimeSpan.Zero));
    private LucineHost host = null!;
    private StaffDesk admin = null!;
    private ObservedAnalytics analytics = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(
            azurite.ConnectionString,
            clock,
            settings => settings["Notifications:PublicBaseUrl"] = "https://lucine.example",
            services => services.AddSingleton<IAnalyticsStore>(sp => analytics = new ObservedAnalytics(new TableAnalyticsStore(sp.GetRequiredService<LucineTables>()))));
        _ = host.Services.GetRequiredService<IAnalyticsStore>();
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_visitor_rates_the_chat_the_operator_closed_changes_it_and_after_24_hours_cannot()
    {
        var (visitor, giulia) = await ClosedByOperatorAsync();
        clock.Advance(TimeSpan.FromMinutes(1));

        var rated = await RateChatAsync(visitor, new { score = 4, comment = "  Gentilissima  " });

        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var status = (await rated.Content.ReadAsync<RatingStatusDto>())!;
        Assert.Equal((true, RatingKind.Operator), (status.CanRate, status.Kind));
        Assert.Equal(new RatingDto(4, "Gentilissima", clock.GetUtcNow(), RatingKind.Operator), status.Rating);
        var recorded = await analytics.FirstAsync(AnalyticsEventTypes.SatisfactionRated, visitor.SessionId!);
        Assert.Equal(("4", "", "operator", "giulia", "it"), (recorded.Data["score"], recorded.Data["previous_score"], recorded.Data["kind"], recorded.Data["operator"], recorded.Data["language"]));
        Assert.Equal(status.OpenUntil!.Value.AddHours(-24).UtcDateTime.ToString("O"), recorded.Data["ended_at"]);

        // The same rating again is the one already given: not a second one.
        var ratedAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(5));
        var again = (await (await RateChatAsync(visitor, new { score = 4, comment = "Gentilissima" })).Content.ReadAsync<RatingStatusDto>())!;
        Assert.Equal(ratedAt, again.Rating!.At);

        var changed = (await (await RateChatAsync(visitor, new { score = 5 })).Content.ReadAsync<RatingStatusDto>())!;
        Assert.Equal((5, (string?)null), (changed.Rating!.Score, changed.Rating.Comment));
        Assert.Equal(5, (await giulia.HistoryAsync(visitor.SessionId!)).Rating!.Score);

        clock.Set(status.OpenUntil.Value.AddSeconds(1));
        await ProblemAssert.IsProblemAsync(await RateChatAsync(visitor, new { score = 1 }), HttpStatusCode.Conflict, "rating-closed");
        var read = (await (await SendAsync(HttpMethod.Get, $"/api/chat/{visitor.SessionId}/rating", visitor.Token, null)).Content.ReadAsync<RatingStatusDto>())!;
        Assert.Equal((false, 5), (read.CanRate, read.Rating!.Score));
    }

    [Fact]
    public async Task A_rating_needs_the_sessions_own_token_a_valid_score_and_an_ended_chat_and_a_refused_one_stores_nothing()
    {
        var (visitor, giulia) = await ClosedByOperatorAsync();
        var stranger = new Visitor(host.Http);
        await stranger.SayAsync("Quanto costa il biglietto?");

        await ProblemAssert.IsProblemAsync(await RateChatAsync(visitor, new { score = 4 }, stranger.Token), HttpStatusCode.Unauthorized, "invalid-session-token");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/rating", null, new { score = 4 }), HttpStatusCode.Unauthorized, "session-token-required");
        await ProblemAssert.IsProblemAsync(await RateChatAsync(visitor, new { score = 6 }), HttpStatusCode.BadRequest, "invalid-score");
        await ProblemAssert.IsProblemAsync(await RateChatAsync(visitor, new { comment = "senza stelle" }), HttpStatusCode.BadRequest, "invalid-score");
        await ProblemAssert.IsProblemAsync(await RateChatAsync(visitor, new { score = 3, comment = new string('x', 501) }), HttpStatusCode.BadRequest, "comment-too-long");
        await ProblemAssert.IsProblemAsync(await RateChatAsync(stranger, new { score = 3 }), HttpStatusCode.Conflict, "rating-not-available");

        Assert.Null((await giulia.HistoryAsync(visitor.SessionId!)).Rating);
        var read = (await (await SendAsync(HttpMethod.Get, $"/api/chat/{visitor.SessionId}/rating", visitor.Token, null)).Content.ReadAsync<RatingStatusDto>())!;
        Assert.Equal((true, (RatingDto?)null), (read.CanRate, read.Rating));
    }

    [Fact]
    public async Task The_customer_rates_a_resolved_ticket_from_the_link_and_the_operators_see_it()
    {
        var created = await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria Rossi", contact = "maria@example.com", message = "Ho perso i biglietti", language = "en" });
        var number = (await created.Content.ReadAsync<TicketCreatedResponse>())!.Number;
        var access = Credentials.AccessCode(TicketNumber.Parse(number));
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/tickets/{number}/rating?access={access}", null, new { score = 5 }), HttpStatusCode.Conflict, "rating-not-available");

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/status", new { status = "resolved" })).StatusCode);

        var link = $"https://lucine.example/widget/rating.html?ticket={number}&access={access}";
        var sink = await StaffDesk.ReadAsync<JsonDocument>(await admin.SendAsync(HttpMethod.Get, "/api/operator/sink?to=maria%40example.com"));
        Assert.Contains(sink.RootElement.GetProperty("items").EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains("How did we do?") && m.GetProperty("text").GetString()!.Contains(link));
        var other = await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Luca", contact = "luca@example.com", message = "Altro" });
        var otherAccess = Credentials.AccessCode(TicketNumber.Parse((await other.Content.ReadAsync<TicketCreatedResponse>())!.Number));
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/tickets/{number}/rating?access={otherAccess}", null, new { score = 5 }), HttpStatusCode.Unauthorized, "invalid-ticket-access");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/tickets/{number}/rating", null, new { score = 5 }), HttpStatusCode.Unauthorized, "ticket-access-required");

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{number}/rating") { Content = JsonContent.Create(new { score = 2, comment = "Troppo lento" }) };
        request.Headers.Add("X-Ticket-Access", access);
        var rated = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var ticket = await StaffDesk.ReadAsync<TicketDto>(await admin.SendAsync(HttpMethod.Get, $"/api/operator/tickets/{number}"));
        Assert.Equal(new RatingDto(2, "Troppo lento", clock.GetUtcNow(), RatingKind.Ticket), ticket.Rating);
        var recorded = await analytics.FirstAsync(AnalyticsEventTypes.SatisfactionRated, number);
        Assert.Equal(("2", "ticket", "admin", "en"), (recorded.Data["score"], recorded.Data["kind"], recorded.Data["operator"], recorded.Data["language"]));

        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/tickets/{number}/rating?access={access}", null, new { score = 5 }), HttpStatusCode.Conflict, "rating-closed");
        var read = (await (await host.Http.GetAsync($"/api/tickets/{number}/rating?access={access}")).Content.ReadAsync<RatingStatusDto>())!;
        Assert.Equal((false, 2), (read.CanRate, read.Rating!.Score));
    }

    private TicketCredentials Credentials => host.Services.GetRequiredService<TicketCredentials>();

    /// <summary>A visitor whose chat Giulia took and then closed as resolved.</summary>
    private async Task<(Visitor Visitor, StaffDesk Giulia)> ClosedByOperatorAsync()
    {
        var giulia = await admin.HireAsync("giulia");
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        Assert.Equal(SessionStatus.WithOperator, (await visitor.PressAsync("request_operator")).Status);
        await ProblemAssert.IsProblemAsync(await RateChatAsync(visitor, new { score = 4 }), HttpStatusCode.Conflict, "rating-not-available");
        Assert.Equal(HttpStatusCode.OK, (await giulia.ActAsync(visitor.SessionId!, "close", new { outcome = "resolved" })).StatusCode);
        return (visitor, giulia);
    }

    private Task<HttpResponseMessage> RateChatAsync(Visitor visitor, object body, string? token = null) =>
        SendAsync(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/rating", token ?? visitor.Token, body);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add("X-Session-Token", token);
        }

        return host.Http.SendAsync(request);
    }
}
