using Lucine.Functions.Decisions;
using Lucine.Functions.History;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.History;

/// <summary>
/// The history of ended conversations: indexed once as each ends, searched by the visitor's words
/// (folded), filtered, paged with a cursor and bounded per request; its parameters checked.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class ConversationHistoryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Tuesday = new(2025, 12, 9, 10, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new(Tuesday);
    private LucineHost host = null!;
    private StaffDesk admin = null!;
    private StaffDesk sara = null!;
    private StaffDesk luca = null!;

    /// <summary>Ended on Tuesday: Italian, with Sara, resolved.</summary>
    private string parking = null!;

    /// <summary>Ended on Wednesday: English, with Luca, not resolved.</summary>
    private string english = null!;

    /// <summary>Ended on Thursday: Italian, with Sara, resolved.</summary>
    private string hours = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, settings => settings["History:PageSize"] = "2");
        admin = await StaffDesk.LoginAsync(host.Http);
        sara = await admin.HireAsync("sara");
        luca = await admin.HireAsync("luca", availability: "offline", role: "supervisor");

        parking = await ConversationAsync(sara, "Il PARCHEGGIO è gratuito? Più posti per i camper?", "voglio parlare con un operatore", "resolved");
        Assert.Equal(HttpStatusCode.Created, (await sara.AddNoteAsync(parking, "Cliente abituale")).StatusCode);
        await NextDayAsync();
        await sara.SetAvailabilityAsync("offline");
        await luca.SetAvailabilityAsync("online");
        english = await ConversationAsync(luca, "Where can I leave my car?", "can I talk to a human", "not_resolved");
        await NextDayAsync();
        await luca.SetAvailabilityAsync("offline");
        await sara.SetAvailabilityAsync("online");
        hours = await ConversationAsync(sara, "A che ora aprite domenica?", "voglio parlare con un operatore", "resolved");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>A day later, when yesterday's logins have expired.</summary>
    private async Task NextDayAsync()
    {
        clock.Advance(TimeSpan.FromDays(1));
        sara = await StaffDesk.LoginAsync(host.Http, "sara");
        luca = await StaffDesk.LoginAsync(host.Http, "luca");
    }

    private async Task<string> ConversationAsync(StaffDesk with, string question, string askForPerson, string outcome)
    {
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync(question);
        await visitor.SayAsync(askForPerson);
        await visitor.PressAsync("request_operator");
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await with.ActAsync(visitor.SessionId!, "close", new { outcome })).StatusCode);
        return visitor.SessionId!;
    }

    private async Task<ConversationListResponse> ListAsync(string query) =>
        await StaffDesk.ReadAsync<ConversationListResponse>(await luca.SendAsync(HttpMethod.Get, "/api/operator/conversations?from=2025-12-01&to=2025-12-11&" + query));

    private async Task<List<string>> AllAsync(string query)
    {
        var found = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(query + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            found.AddRange(page.Items.Select(i => i.SessionId));
            cursor = page.Next;
        }
        while (cursor is not null);
        return found;
    }

    [Fact]
    public async Task Ended_conversations_are_listed_newest_first_page_by_page()
    {
        var first = await ListAsync("");

        Assert.Equal([hours, english], first.Items.Select(i => i.SessionId));
        Assert.NotNull(first.Next);
        Assert.Equal([hours, english, parking], await AllAsync(""));
        var row = first.Items[1];
        Assert.Equal((SessionOutcome.NotResolved, "luca", "Op luca", "en"), (row.Outcome, row.Operator, row.OperatorName, row.Language));
        Assert.Equal(Tuesday.AddDays(1).AddMinutes(10), row.EndedAt);
        Assert.Equal("Where can I leave my car?", row.Preview);
        Assert.True(row.MessageCount >= 4);
    }

    [Theory]
    [InlineData("q=parcheggio")]
    [InlineData("q=PIÙ")]
    [InlineData("q=piu+camper")]
    [InlineData("q=gratuit")]
    public async Task The_visitors_words_are_found_whatever_the_accents_and_case(string query) =>
        Assert.Equal([parking], await AllAsync(query));

    [Fact]
    public async Task Every_word_asked_for_must_be_in_the_same_conversation() =>
        Assert.Empty(await AllAsync("q=camper+domenica"));

    [Theory]
    [InlineData("outcome=not_resolved", "english")]
    [InlineData("operator=LUCA", "english")]
    [InlineData("language=en", "english")]
    [InlineData("outcome=resolved&language=it&q=domenica", "hours")]
    public async Task Filters_narrow_the_list(string query, string expected) =>
        Assert.Equal([expected == "english" ? english : hours], await AllAsync(query));

    [Fact]
    public async Task The_date_range_is_of_the_end_day_in_utc()
    {
        var tuesday = await StaffDesk.ReadAsync<ConversationListResponse>(await luca.SendAsync(HttpMethod.Get, "/api/operator/conversations?from=2025-12-09&to=2025-12-09"));

        Assert.Equal([parking], tuesday.Items.Select(i => i.SessionId));
        Assert.Null(tuesday.Next);
    }

    [Fact]
    public async Task A_request_reads_a_bounded_number_of_rows_and_says_where_to_go_on()
    {
        await using var bounded = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, settings => settings["History:MaxRowsPerRequest"] = "1");
        var desk = await StaffDesk.LoginAsync(bounded.Http);
        var operatorDesk = await desk.HireAsync("sara");
        var wanted = new Visitor(bounded.Http);
        await wanted.SayAsync("parcheggio?");
        await wanted.SayAsync("voglio parlare con un operatore");
        await wanted.PressAsync("request_operator");
        await operatorDesk.ActAsync(wanted.SessionId!, "close", new { outcome = "resolved" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var other = new Visitor(bounded.Http);
        await other.SayAsync("voglio parlare con un operatore");
        await other.PressAsync("request_operator");
        await operatorDesk.ActAsync(other.SessionId!, "close", new { outcome = "resolved" });

        var first = await StaffDesk.ReadAsync<ConversationListResponse>(await desk.SendAsync(HttpMethod.Get, "/api/operator/conversations?q=parcheggio"));
        var second = await StaffDesk.ReadAsync<ConversationListResponse>(await desk.SendAsync(HttpMethod.Get, "/api/operator/conversations?q=parcheggio&cursor=" + Uri.EscapeDataString(first.Next!)));

        Assert.Empty(first.Items);
        Assert.Equal([wanted.SessionId], second.Items.Select(i => i.SessionId));
    }

    [Fact]
    public async Task An_end_is_indexed_once_and_a_redelivered_effect_writes_the_same_row()
    {
        var probe = new TableProbe(host);
        var indexed = Assert.Single(await probe.ConversationIndexRowsAsync("20251209"));
        Assert.Equal(parking, indexed.GetString("SessionId"));
        var handler = host.Services.GetRequiredService<IEffectHandler<ConversationEnded>>();
        var ended = new ConversationEnded(SessionOutcome.Resolved, indexed.GetDateTimeOffset("StartedAt")!.Value, indexed.GetDateTimeOffset("EndedAt")!.Value,
            new OperatorRef("sara", "Op sara", null), Language.Italian, null);

        await handler.HandleAsync([new Delivery<ConversationEnded>(parking, "again", ended)], CancellationToken.None);

        var again = Assert.Single(await probe.ConversationIndexRowsAsync("20251209"));
        Assert.Equal(indexed.RowKey, again.RowKey);
        Assert.Equal(
            indexed.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key),
            again.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task An_ended_chat_reads_as_a_transcript_with_its_notes_for_any_operator()
    {
        var transcript = await luca.HistoryAsync(parking);

        Assert.Equal((SessionStatus.Ended, SessionOutcome.Resolved), (transcript.Status, transcript.Outcome));
        Assert.Contains(transcript.Messages, m => m.Text == "Il PARCHEGGIO è gratuito? Più posti per i camper?");
        Assert.Equal("Cliente abituale", Assert.Single(transcript.Notes).Text);
    }

    [Theory]
    [InlineData("from=2025-13-01", "invalid-date")]
    [InlineData("to=09/12/2025", "invalid-date")]
    [InlineData("from=2025-12-10&to=2025-12-09", "invalid-range")]
    [InlineData("from=2025-01-01&to=2025-12-09", "invalid-range")]
    [InlineData("outcome=won", "invalid-filter")]
    [InlineData("outcome=Resolved", "invalid-filter")]
    [InlineData("operator=a%20b", "invalid-filter")]
    [InlineData("language=fr", "invalid-filter")]
    [InlineData("cursor=abc", "invalid-cursor")]
    [InlineData("from=2025-12-01&to=2025-12-05&cursor=20251209.7974181495999999999-AAAAAAAAAAAAAAAAAAAAAA", "invalid-cursor")]
    public async Task Bad_parameters_are_refused(string query, string problem) =>
        await ProblemAssert.IsProblemAsync(await luca.SendAsync(HttpMethod.Get, "/api/operator/conversations?" + query), HttpStatusCode.BadRequest, problem);

    [Fact]
    public async Task A_search_too_long_is_refused_and_the_history_needs_an_operator()
    {
        await ProblemAssert.IsProblemAsync(
            await luca.SendAsync(HttpMethod.Get, "/api/operator/conversations?q=" + new string('a', 101)), HttpStatusCode.BadRequest, "invalid-query");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/api/operator/conversations")).StatusCode);
    }
}
