using System.Text;
using Lucine.Functions.Chat;

namespace Lucine.Functions.Tests.Api;

/// <summary>The visitor chat contract, over HTTP, against a real Kestrel and a real Azurite.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class ChatApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LucineHost host = null!;
    private TableProbe tables = null!;

    public async Task InitializeAsync()
    {
        host = await LucineHost.StartAsync(azurite.ConnectionString, clock: ShiftedClock.InSeason());
        tables = new TableProbe(host);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Visitor NewVisitor() => new(host.Http);

    [Fact]
    public async Task A_first_message_creates_a_session_and_returns_its_token_once()
    {
        var visitor = NewVisitor();

        var first = await visitor.SayAsync("Quanto costa il biglietto?", "m-1");
        var second = await visitor.SayAsync("E il parcheggio?", "m-2");

        Assert.True(SessionId.TryParse(first.SessionId, out _));
        Assert.StartsWith($"v2.{first.SessionId}.", first.SessionToken);
        Assert.Null(second.SessionToken);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(SessionStatus.Bot, first.Status);
        Assert.Contains("€9", first.Reply);
        Assert.Equal("buy_tickets", Assert.Single(first.SmartActions).Action);
        Assert.Equal(
            [(1L, MessageSender.Visitor, "Quanto costa il biglietto?"), (2L, MessageSender.Bot, first.Reply)],
            first.Messages.Select(m => (m.Sequence, m.Sender, m.Text)));
        Assert.Equal($"{first.SessionId}:1", first.Messages[0].Id);
        Assert.Equal("m-1", first.Messages[0].ClientMessageId);
        Assert.Equal([3L, 4L], second.Messages.Select(m => m.Sequence));
        Assert.Contains("P1", second.Reply);
    }

    [Fact]
    public async Task A_message_to_a_session_needs_its_token_and_a_wrong_one_stores_nothing()
    {
        var owner = NewVisitor();
        await owner.SayAsync("ciao");
        var other = NewVisitor();
        await other.SayAsync("ciao");

        var missing = await owner.PostAsync(new { message = "hi", sessionId = owner.SessionId }, token: "");
        var foreign = await owner.PostAsync(new { message = "hi", sessionId = owner.SessionId }, token: other.Token);
        var forged = await owner.PostAsync(new { message = "hi", sessionId = owner.SessionId }, token: "v1.AAAA");

        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.Unauthorized, "session-token-required");
        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.Unauthorized, "invalid-session-token");
        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.Unauthorized, "invalid-session-token");
        Assert.Contains("Bearer", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal(2, (await owner.MessagesAsync()).Messages.Count);
    }

    [Fact]
    public async Task The_token_is_accepted_as_a_bearer_token_too()
    {
        var visitor = NewVisitor();
        await visitor.SayAsync("ciao");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = new StringContent($$"""{"message":"orari?","sessionId":"{{visitor.SessionId}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", visitor.Token);

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Retrying_with_the_same_client_message_id_stores_one_exchange_and_returns_the_same_reply()
    {
        var visitor = NewVisitor();
        await visitor.SayAsync("ciao", "m-1");

        var first = await visitor.SayAsync("posso portare il cane?", "m-2");
        var retry = await visitor.SayAsync("posso portare il cane?", "m-2");

        Assert.Equal(first.Reply, retry.Reply);
        Assert.Equal(first.Messages.Select(m => (m.Id, m.Text, m.CreatedAt)), retry.Messages.Select(m => (m.Id, m.Text, m.CreatedAt)));
        var stored = await visitor.MessagesAsync();
        Assert.Equal([1L, 2L, 3L, 4L], stored.Messages.Select(m => m.Sequence));
    }

    public static TheoryData<string, string, HttpStatusCode, string> InvalidRequests => new()
    {
        { """{"message":""}""", "application/json", HttpStatusCode.BadRequest, "empty-message" },
        { """{"message":"   \n\t "}""", "application/json", HttpStatusCode.BadRequest, "empty-message" },
        { $$"""{"message":"{{new string('x', 1001)}}"}""", "application/json", HttpStatusCode.RequestEntityTooLarge, "message-too-long" },
        { $$"""{"message":"{{string.Concat(Enumerable.Repeat("😀", 1001))}}"}""", "application/json", HttpStatusCode.RequestEntityTooLarge, "message-too-long" },
        { $$"""{"message":"{{new string('x', 20_000)}}"}""", "application/json", HttpStatusCode.RequestEntityTooLarge, "body-too-large" },
        { """{"message":"ciao",""", "application/json", HttpStatusCode.BadRequest, "invalid-json" },
        { """{"message":42}""", "application/json", HttpStatusCode.BadRequest, "invalid-json" },
        { "", "application/json", HttpStatusCode.BadRequest, "invalid-json" },
        { "message=ciao", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type" },
        { """{"message":"ciao"}""", "text/plain", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type" },
        { """{}""", "application/json", HttpStatusCode.BadRequest, "invalid-request" },
        { """{"message":"ciao","action":"continue_ai"}""", "application/json", HttpStatusCode.BadRequest, "invalid-request" },
        { """{"action":"delete_everything"}""", "application/json", HttpStatusCode.BadRequest, "unknown-action" },
        { """{"message":"ciao","clientMessageId":"a/b"}""", "application/json", HttpStatusCode.BadRequest, "invalid-client-message-id" },
        { """{"message":"ciao\u0000"}""", "application/json", HttpStatusCode.BadRequest, "invalid-characters" },
        { """{"message":"ciao \ud800"}""", "application/json", HttpStatusCode.BadRequest, "invalid-json" },
        { """{"message":"ciao","sessionId":"not-a-session"}""", "application/json", HttpStatusCode.BadRequest, "invalid-session-id" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Bad_input_gets_a_problem_and_changes_nothing(string body, string contentType, HttpStatusCode status, string problem)
    {
        var before = (await tables.SessionRowsAsync()).Count;

        var response = await host.Http.PostAsync("/api/chat", new StringContent(body, Encoding.UTF8, contentType));

        await ProblemAssert.IsProblemAsync(response, status, problem);
        Assert.Equal(before, (await tables.SessionRowsAsync()).Count);
    }

    [Fact]
    public async Task Bad_input_to_an_existing_session_changes_nothing_there_either()
    {
        var visitor = NewVisitor();
        await visitor.SayAsync("ciao");

        var response = await visitor.PostAsync(new { message = new string('x', 1001), sessionId = visitor.SessionId });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "message-too-long");
        Assert.Equal(2, (await visitor.MessagesAsync()).Messages.Count);
    }

    [Fact]
    public async Task A_message_of_exactly_the_maximum_length_is_accepted()
    {
        var response = await NewVisitor().PostAsync(new { message = string.Concat(Enumerable.Repeat("😀", 1000)) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Retrying_a_first_message_reaches_the_same_session_instead_of_opening_another()
    {
        var clientMessageId = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => NewVisitor().SayAsync("orari?", clientMessageId)));
        var retry = await NewVisitor().SayAsync("orari?", clientMessageId);

        Assert.Single(responses.Append(retry).Select(r => (r.SessionId, r.SessionToken)).Distinct());
        Assert.All(responses.Append(retry), r => Assert.Equal([1L, 2L], r.Messages.Select(m => m.Sequence)));
        Assert.Equal(2, (await tables.SessionRowsAsync(retry.SessionId)).Count(r => r.RowKey.StartsWith("msg-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Short_client_message_ids_never_join_two_visitors_in_one_session()
    {
        var first = await NewVisitor().SayAsync("ciao", "m-1");
        var second = await NewVisitor().SayAsync("ciao", "m-1");

        Assert.NotEqual(first.SessionId, second.SessionId);
    }

    [Fact]
    public async Task Text_is_stored_and_returned_exactly_as_written()
    {
        const string Text = "  <script>alert('x')</script> & \"virgolette\" — è perché 😀\nsecond line\n";
        var visitor = NewVisitor();

        var reply = await visitor.SayAsync(Text);
        var stored = await visitor.MessagesAsync();

        Assert.Equal(Text, reply.Messages[0].Text);
        Assert.Equal(Text, stored.Messages[0].Text);
    }

    [Fact]
    public async Task Messages_are_paged_after_a_sequence()
    {
        var visitor = NewVisitor();
        await visitor.SayAsync("orari?");
        await visitor.SayAsync("prezzi?");
        await visitor.SayAsync("parcheggio?");

        var firstPage = await visitor.MessagesAsync(after: 0, limit: 4);
        var secondPage = await visitor.MessagesAsync(after: firstPage.NextAfter, limit: 4);
        var nothingNew = await visitor.MessagesAsync(after: secondPage.NextAfter);

        Assert.Equal([1L, 2L, 3L, 4L], firstPage.Messages.Select(m => m.Sequence));
        Assert.True(firstPage.HasMore);
        Assert.Equal(4, firstPage.NextAfter);
        Assert.Equal([5L, 6L], secondPage.Messages.Select(m => m.Sequence));
        Assert.False(secondPage.HasMore);
        Assert.Empty(nothingNew.Messages);
        Assert.Equal(6, nothingNew.NextAfter);
        Assert.Equal(SessionStatus.Bot, nothingNew.Status);
        Assert.Equal("it", nothingNew.Language);
    }

    [Theory]
    [InlineData("after=-1", "invalid-cursor")]
    [InlineData("after=abc", "invalid-cursor")]
    [InlineData("limit=0", "invalid-limit")]
    [InlineData("limit=1000", "invalid-limit")]
    public async Task Bad_paging_parameters_are_rejected(string query, string problem)
    {
        var visitor = NewVisitor();
        await visitor.SayAsync("ciao");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/chat/{visitor.SessionId}/messages?{query}");
        request.Headers.Add("X-Session-Token", visitor.Token);

        await ProblemAssert.IsProblemAsync(await host.Http.SendAsync(request), HttpStatusCode.BadRequest, problem);
    }

    [Fact]
    public async Task Reading_messages_needs_the_session_token_and_an_existing_session()
    {
        var visitor = NewVisitor();
        await visitor.SayAsync("ciao");
        var (neverUsedId, itsToken) = host.Services.GetRequiredService<SessionCredentials>().Open(null);

        var anonymous = await host.Http.GetAsync($"/api/chat/{visitor.SessionId}/messages");
        var malformed = await host.Http.GetAsync("/api/chat/short/messages");
        var unknown = new HttpRequestMessage(HttpMethod.Get, $"/api/chat/{neverUsedId}/messages");
        unknown.Headers.Add("X-Session-Token", itsToken);

        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "session-token-required");
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest, "invalid-session-id");
        await ProblemAssert.IsProblemAsync(await host.Http.SendAsync(unknown), HttpStatusCode.NotFound, "session-not-found");
    }

    [Fact]
    public async Task The_buttons_of_a_reply_can_be_sent_back_as_actions()
    {
        var visitor = NewVisitor();
        var notKnown = await visitor.SayAsync("posso portare un drone?");

        var continued = await visitor.PressAsync(notKnown.SmartActions[1].Action, "b-1");
        var person = await visitor.PressAsync(notKnown.SmartActions[0].Action, "b-2");
        var cancelled = await visitor.PressAsync(person.SmartActions[0].Action, "b-3");

        Assert.Equal(["request_operator", "continue_ai"], notKnown.SmartActions.Select(a => a.Action));
        Assert.Equal("No, continuo con l'assistente", continued.Messages[0].Text);

        // Nobody is online: the assistant asks for a contact for a ticket, which the visitor may cancel.
        Assert.Contains("nessun operatore", person.Reply);
        Assert.Equal(["cancel_ticket"], person.SmartActions.Select(a => a.Action));
        Assert.Equal(SessionStatus.Bot, cancelled.Status);
        Assert.Equal(["request_operator"], cancelled.SmartActions.Select(a => a.Action));
    }

    [Fact]
    public async Task A_session_opened_by_a_button_continues_normally()
    {
        var visitor = NewVisitor();

        await visitor.PressAsync("continue_ai");
        var next = await visitor.SayAsync("How much is a ticket?");

        Assert.Equal([3L, 4L], next.Messages.Select(m => m.Sequence));
        Assert.Contains("€9", next.Reply);
        Assert.Equal("en", (await visitor.MessagesAsync()).Language);
    }

    [Fact]
    public async Task The_widget_origin_may_call_the_api_and_other_origins_may_not()
    {
        HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/chat");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type,x-session-token");
            return request;
        }

        var allowed = await host.Http.SendAsync(Preflight("https://lucinedinatale.it"));
        var denied = await host.Http.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("https://lucinedinatale.it", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-session-token", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Unknown_routes_and_methods_get_lucine_problems_with_the_security_headers()
    {
        var notFound = await host.Http.GetAsync("/api/nothing-here");
        var wrongMethod = await host.Http.PostAsync("/api/health", null);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("application/problem+json", notFound.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"type\":\"urn:lucine:problem:not-found\"", await notFound.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("\"type\":\"urn:lucine:problem:method-not-allowed\"", await wrongMethod.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", notFound.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", wrongMethod.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_session_sending_too_fast_is_told_to_wait_and_nothing_is_stored()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 12, 13, 18, 0, 0, TimeSpan.Zero));
        await using var limited = await LucineHost.StartAsync(azurite.ConnectionString, s => s["Chat:MessagesPerMinute"] = "3", clock);
        var visitor = new Visitor(limited.Http);
        await visitor.SayAsync("ciao", "m-1");
        await visitor.SayAsync("orari?", "m-2");
        clock.Advance(TimeSpan.FromSeconds(20));
        await visitor.SayAsync("prezzi?", "m-3");

        var tooMany = await visitor.PostAsync(new { message = "parcheggio?", sessionId = visitor.SessionId, clientMessageId = "m-4" });
        var retryOfEarlier = await visitor.SayAsync("orari?", "m-2");
        clock.Advance(TimeSpan.FromSeconds(40));
        var afterTheMinute = await visitor.SayAsync("parcheggio?", "m-4");

        await ProblemAssert.IsProblemAsync(tooMany, (HttpStatusCode)429, "too-many-messages");
        Assert.Equal("40", tooMany.Headers.GetValues("Retry-After").Single());
        Assert.Equal([3L, 4L], retryOfEarlier.Messages.Select(m => m.Sequence));
        Assert.Equal([7L, 8L], afterTheMinute.Messages.Select(m => m.Sequence));
    }

    [Fact]
    public async Task Today_is_the_park_s_today_from_the_injected_clock()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 12, 24, 17, 0, 0, TimeSpan.Zero));
        await using var christmasEve = await LucineHost.StartAsync(azurite.ConnectionString, clock: clock);
        var visitor = new Visitor(christmasEve.Http);

        var closed = await visitor.SayAsync("siete aperti stasera?");
        clock.Advance(TimeSpan.FromHours(7)); // 00:00 in Rome: the 25th
        var open = await visitor.SayAsync("e oggi?");

        Assert.StartsWith("Oggi (mercoledì 24 dicembre) il parco è chiuso.", closed.Reply);
        Assert.StartsWith("Oggi (giovedì 25 dicembre) siamo aperti dalle 17:30", open.Reply);
        Assert.Equal(clock.GetUtcNow(), open.Timestamp);
    }
}
