using Lucine.Domain.Replies;
using Lucine.Functions.Replies;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Replies;

/// <summary>
/// Canned replies over HTTP: supervisors and admins write them, every operator reads them; a refused
/// write (invalid, duplicate shortcut, stale edit, not allowed) changes nothing.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class CannedReplyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new(Start);
    private LucineHost host = null!;
    private ReplyDesk supervisor = null!;
    private ReplyDesk elfo = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock);
        var admin = await StaffDesk.LoginAsync(host.Http);
        supervisor = new ReplyDesk(host.Http, (await admin.HireAsync("renna", role: "supervisor")).Token);
        elfo = new ReplyDesk(host.Http, (await admin.HireAsync("elfo", role: "operator")).Token);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static string At(ReplyResponse reply) => $"{ReplyDesk.Path}/{reply.Id}";

    [Fact]
    public async Task A_supervisor_creates_edits_and_deletes_replies_that_every_operator_reads_by_shortcut()
    {
        var welcome = await supervisor.CreateAsync(ReplyDesk.Body("/saluto", title: "  Saluto iniziale "));
        clock.Advance(TimeSpan.FromMinutes(5));
        var hours = await supervisor.CreateAsync(ReplyDesk.Body("orari", title: "Orari", it: "Apriamo alle 17.", en: "We open at 5 pm."));

        Assert.Matches("^[0-9a-f]{32}$", welcome.Id);
        Assert.Equal(("saluto", "Saluto iniziale", "renna", Start, 1), (welcome.Shortcut, welcome.Title, welcome.UpdatedBy, welcome.UpdatedAt, welcome.Version));
        Assert.Equal(new LocalizedText("Ciao {visitor_name}, sono {operator_name}.", "Hi {visitor_name}, I am {operator_name}."), welcome.Text);
        Assert.Equal(["orari", "saluto"], (await elfo.ListAsync()).Select(r => r.Shortcut));

        clock.Advance(TimeSpan.FromMinutes(5));
        var edit = await supervisor.SendAsync(HttpMethod.Put, At(welcome), ReplyDesk.Body("benvenuto", title: "Benvenuto", en: "Welcome, {visitor_name}!"), ifMatch: "\"1\"");
        var edited = await ReplyDesk.ReadAsync<ReplyResponse>(edit);
        var read = await elfo.SendAsync(HttpMethod.Get, At(welcome));

        Assert.Equal("\"2\"", edit.Headers.ETag?.ToString());
        Assert.Equal((welcome.Id, "benvenuto", "Benvenuto", 2, Start.AddMinutes(10)), (edited.Id, edited.Shortcut, edited.Title, edited.Version, edited.UpdatedAt));
        Assert.Equal("Welcome, {visitor_name}!", (await ReplyDesk.ReadAsync<ReplyResponse>(read)).Text.En);
        Assert.Equal("\"2\"", read.Headers.ETag?.ToString());
        Assert.Equal(["benvenuto", "orari"], (await elfo.ListAsync()).Select(r => r.Shortcut));

        // The old shortcut is free again once its reply moved away from it.
        var again = await supervisor.CreateAsync(ReplyDesk.Body("saluto"));

        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.SendAsync(HttpMethod.Delete, At(hours))).StatusCode);
        await ProblemAssert.IsProblemAsync(await supervisor.SendAsync(HttpMethod.Delete, At(hours)), HttpStatusCode.NotFound, "reply-not-found");
        await ProblemAssert.IsProblemAsync(await elfo.SendAsync(HttpMethod.Get, At(hours)), HttpStatusCode.NotFound, "reply-not-found");
        await ProblemAssert.IsProblemAsync(
            await supervisor.SendAsync(HttpMethod.Put, At(hours), ReplyDesk.Body("orari")), HttpStatusCode.NotFound, "reply-not-found");
        Assert.Equal([("benvenuto", welcome.Id), ("saluto", again.Id)], (await elfo.ListAsync()).Select(r => (r.Shortcut, r.Id)));

        // A deleted reply's shortcut can be given again.
        await supervisor.CreateAsync(ReplyDesk.Body("orari"));
    }

    [Fact]
    public async Task Operators_read_but_may_not_write_and_nobody_without_a_token_may_do_either()
    {
        var reply = await supervisor.CreateAsync(ReplyDesk.Body("saluto"));
        var anonymous = new ReplyDesk(host.Http, null);

        await ProblemAssert.IsProblemAsync(await elfo.SendAsync(HttpMethod.Post, ReplyDesk.Path, ReplyDesk.Body("nuova")), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await elfo.SendAsync(HttpMethod.Put, At(reply), ReplyDesk.Body("cambiata")), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await elfo.SendAsync(HttpMethod.Delete, At(reply)), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await anonymous.SendAsync(HttpMethod.Get, ReplyDesk.Path), HttpStatusCode.Unauthorized, "operator-token-required");
        await ProblemAssert.IsProblemAsync(await anonymous.SendAsync(HttpMethod.Post, ReplyDesk.Path, ReplyDesk.Body("nuova")), HttpStatusCode.Unauthorized, "operator-token-required");
        await ProblemAssert.IsProblemAsync(await anonymous.SendAsync(HttpMethod.Delete, At(reply)), HttpStatusCode.Unauthorized, "operator-token-required");

        Assert.Equal([reply], await elfo.ListAsync());

        // Admins may write them too.
        var admin = new ReplyDesk(host.Http, (await StaffDesk.LoginAsync(host.Http)).Token);
        Assert.Equal(StaffDesk.AdminUsername, (await admin.CreateAsync(ReplyDesk.Body("dagli-admin"))).UpdatedBy);
    }

    public static TheoryData<string, object, string, string> InvalidReplies() => new()
    {
        { "capital letters", ReplyDesk.Body("Saluto"), "shortcut", "a-z, 0-9 and '-'" },
        { "one character", ReplyDesk.Body("a"), "shortcut", "2 to 30 characters" },
        { "starts with a dash", ReplyDesk.Body("-ciao"), "shortcut", "starting with a letter or digit" },
        { "a space", ReplyDesk.Body("ciao ciao"), "shortcut", "a-z, 0-9 and '-'" },
        { "a path", ReplyDesk.Body("../ciao"), "shortcut", "a-z, 0-9 and '-'" },
        { "31 characters", ReplyDesk.Body(new string('a', 31)), "shortcut", "2 to 30 characters" },
        { "unknown placeholder", ReplyDesk.Body("ciao", en: "Hi {visitor}!"), "text.en", "unknown placeholder {visitor}" },
        { "no English", ReplyDesk.Body("ciao", en: null), "text.en", "The English text is required" },
        { "blank Italian", ReplyDesk.Body("ciao", it: "  "), "text.it", "The Italian text is required" },
        { "text too long", ReplyDesk.Body("ciao", it: new string('x', 2001)), "text.it", "at most 2000 characters; this one has 2001" },
        { "no title", ReplyDesk.Body("ciao", title: " "), "title", "1 to 80 characters" },
        { "title too long", ReplyDesk.Body("ciao", title: new string('t', 81)), "title", "1 to 80 characters" },
    };

    [Theory]
    [MemberData(nameof(InvalidReplies))]
    public async Task An_invalid_reply_is_refused_naming_its_field_and_changes_nothing(string mistake, object body, string field, string message)
    {
        var existing = await supervisor.CreateAsync(ReplyDesk.Body("esistente"));

        var created = await supervisor.SendAsync(HttpMethod.Post, ReplyDesk.Path, body);
        var edited = await supervisor.SendAsync(HttpMethod.Put, At(existing), body, ifMatch: "\"1\"");

        foreach (var response in new[] { created, edited })
        {
            var text = await response.Content.ReadAsStringAsync();
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-reply");
            using var problem = JsonDocument.Parse(text);
            var errors = problem.RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{mistake}: {text}");
            Assert.Contains(message, Assert.Single(messages.EnumerateArray()).GetString(), StringComparison.Ordinal);
            Assert.Contains(message, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal([existing], await elfo.ListAsync());
    }

    [Fact]
    public async Task Every_mistake_of_a_reply_is_listed_under_its_field()
    {
        var response = await supervisor.SendAsync(HttpMethod.Post, ReplyDesk.Path, ReplyDesk.Body("X", title: "", it: "Ciao {nome}", en: null));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-reply");
        Assert.Equal(["title", "shortcut", "text.it", "text.en"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("Nothing was saved: the reply has 4 errors, listed in 'errors'.", problem.RootElement.GetProperty("detail").GetString());
        Assert.Empty(await elfo.ListAsync());
    }

    [Fact]
    public async Task A_shortcut_in_use_is_a_409_on_create_and_on_edit_and_changes_nothing()
    {
        var welcome = await supervisor.CreateAsync(ReplyDesk.Body("saluto"));
        var hours = await supervisor.CreateAsync(ReplyDesk.Body("orari", it: "Apriamo alle 17.", en: "We open at 5 pm."));

        var created = await supervisor.SendAsync(HttpMethod.Post, ReplyDesk.Path, ReplyDesk.Body("/saluto", title: "Doppione"));
        var edited = await supervisor.SendAsync(HttpMethod.Put, At(hours), ReplyDesk.Body("saluto", title: "Doppione"), ifMatch: "\"1\"");

        foreach (var response in new[] { created, edited })
        {
            var text = await response.Content.ReadAsStringAsync();
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "shortcut-taken");
            using var problem = JsonDocument.Parse(text);
            Assert.Equal("Another reply has the shortcut /saluto.", problem.RootElement.GetProperty("errors").GetProperty("shortcut")[0].GetString());
            var taken = problem.RootElement.GetProperty("fieldErrors").GetProperty("shortcut")[0];
            Assert.Equal(("reply-shortcut-taken", "saluto"), (taken.GetProperty("code").GetString(), taken.GetProperty("args").GetProperty("shortcut").GetString()));
        }

        Assert.Equal([hours, welcome], await elfo.ListAsync());
    }

    [Fact]
    public async Task Two_supervisors_giving_the_same_shortcut_at_once_leave_one_reply()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            supervisor.SendAsync(HttpMethod.Post, ReplyDesk.Path, ReplyDesk.Body("saluto", title: $"Saluto {i}"))));

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict],
            responses.Select(r => r.StatusCode).Order());
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadAsync<ReplyResponse>();
        Assert.Equal([winner!], await elfo.ListAsync());
    }

    [Fact]
    public async Task An_edit_of_a_version_that_changed_meanwhile_is_a_412_and_stores_nothing()
    {
        var reply = await supervisor.CreateAsync(ReplyDesk.Body("saluto"));
        var first = await ReplyDesk.ReadAsync<ReplyResponse>(
            await supervisor.SendAsync(HttpMethod.Put, At(reply), ReplyDesk.Body("saluto", title: "Prima modifica"), ifMatch: "\"1\""));

        var stale = await supervisor.SendAsync(HttpMethod.Put, At(reply), ReplyDesk.Body("ciao", title: "Seconda modifica"), ifMatch: "\"1\"");
        var garbled = await supervisor.SendAsync(HttpMethod.Put, At(reply), ReplyDesk.Body("ciao", title: "Seconda modifica"), ifMatch: "prima");

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed, "reply-changed");
        using (var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()))
        {
            Assert.Equal(2, problem.RootElement.GetProperty("currentVersion").GetInt32());
        }

        await ProblemAssert.IsProblemAsync(garbled, HttpStatusCode.BadRequest, "invalid-if-match");
        Assert.Equal([first], await elfo.ListAsync());
        Assert.Equal((2, "Prima modifica"), (first.Version, first.Title));

        // Without If-Match the edit applies to whatever is stored.
        var last = await ReplyDesk.ReadAsync<ReplyResponse>(await supervisor.SendAsync(HttpMethod.Put, At(reply), ReplyDesk.Body("ciao", title: "Terza")));
        Assert.Equal((3, "ciao"), (last.Version, last.Shortcut));
    }

    [Theory]
    [InlineData("..saluto")]
    [InlineData("..%2F..%2Fsaluto")]
    [InlineData("%2E%2E%2Fsaluto")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("r-0123456789abcdef0123456789abcdef")]
    public async Task An_id_Lucine_could_not_have_made_is_a_400_before_storage_is_asked(string id)
    {
        var reply = await supervisor.CreateAsync(ReplyDesk.Body("saluto"));
        var path = $"{ReplyDesk.Path}/{id}";

        await ProblemAssert.IsProblemAsync(await elfo.SendAsync(HttpMethod.Get, path), HttpStatusCode.BadRequest, "invalid-reply-id");
        await ProblemAssert.IsProblemAsync(await supervisor.SendAsync(HttpMethod.Put, path, ReplyDesk.Body("ciao")), HttpStatusCode.BadRequest, "invalid-reply-id");
        await ProblemAssert.IsProblemAsync(await supervisor.SendAsync(HttpMethod.Delete, path), HttpStatusCode.BadRequest, "invalid-reply-id");
        Assert.Equal([reply], await elfo.ListAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_or_not_json_is_refused()
    {
        var huge = await supervisor.SendAsync(HttpMethod.Post, ReplyDesk.Path, ReplyDesk.Body("ciao", it: new string('x', 40_000)));
        var text = await supervisor.SendAsync(HttpMethod.Post, ReplyDesk.Path);

        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        await ProblemAssert.IsProblemAsync(text, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Empty(await elfo.ListAsync());
    }

    [Fact]
    public async Task The_known_placeholders_are_accepted_in_both_languages()
    {
        var names = string.Join(" ", CannedReplyRules.PlaceholderNames.Select(n => "{" + n + "}"));

        var reply = await supervisor.CreateAsync(ReplyDesk.Body("tutti", it: names, en: names));

        Assert.Equal(["visitor_name", "operator_name", "ticket_number"], CannedReplyRules.PlaceholderNames);
        Assert.Equal(new LocalizedText(names, names), reply.Text);
    }
}
