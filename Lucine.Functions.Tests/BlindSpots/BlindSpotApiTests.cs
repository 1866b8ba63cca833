using Lucine.Functions.BlindSpots;
using Lucine.Functions.Decisions;
using Lucine.Functions.Privacy;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.BlindSpots;

/// <summary>
/// The assistant's blind spots through real chats: questions the knowledge base does not know are
/// grouped by keywords, counted once per delivery, decided by admins (answered by a topic of the
/// current knowledge base, or dismissed), refused to everyone else, and their examples forgotten
/// with the conversations.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class BlindSpotApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string Question = "Si può usare il drone a batteria?";
    public const string OtherPhrasing = "Drone a batteria: si puo usare??";
    private const string WithContact = "Si può usare il drone a batteria? mario.rossi@example.com";
    private static readonly string[] Keywords = ["batteria", "drone", "usare"];

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.Zero));
    private LucineHost host = null!;
    private StaffDesk admin = null!;
    private ObservedBlindSpots notes = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, services: ObservedBlindSpots.Register);
        admin = await StaffDesk.LoginAsync(host.Http);
        notes = host.Services.GetRequiredService<ObservedBlindSpots>();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Questions_the_assistant_does_not_know_are_grouped_by_their_keywords_with_the_newest_examples_without_contacts()
    {
        await AskAsync(Question);
        clock.Advance(TimeSpan.FromMinutes(5));
        await AskAsync(OtherPhrasing);
        clock.Advance(TimeSpan.FromMinutes(5));
        await AskAsync(WithContact);
        await AskAsync("Quanto costa il biglietto?");
        await notes.HandledAsync(3);

        var group = Assert.Single(await ListAsync());

        Assert.Equal(Keywords, group.Keywords);
        Assert.Equal(3, group.Count);
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromMinutes(10), group.FirstSeen);
        Assert.Equal(clock.GetUtcNow(), group.LastSeen);
        Assert.Equal(["Si può usare il drone a batteria? " + BlindSpot.Removed, OtherPhrasing, Question], group.Examples);
        Assert.Equal(BlindSpotStatus.Open, group.Status);
        Assert.Null(group.Topic);
        Assert.Empty(await ListAsync("answered"));
    }

    [Fact]
    public async Task A_redelivered_note_is_counted_once()
    {
        await AskAsync(Question);
        await notes.HandledAsync(1);
        var note = new NoteBlindSpot(Keywords, OtherPhrasing, Language.Italian, AnswerOutcome.NotKnown, clock.GetUtcNow());
        var handler = host.Services.GetRequiredService<IEffectHandler<NoteBlindSpot>>();

        await handler.HandleAsync([new Delivery<NoteBlindSpot>("s-redelivered", "out-3-0", note)], CancellationToken.None);
        await handler.HandleAsync([new Delivery<NoteBlindSpot>("s-redelivered", "out-3-0", note), new Delivery<NoteBlindSpot>("s-redelivered", "out-3-0", note)], CancellationToken.None);
        Assert.Equal(2, Assert.Single(await ListAsync()).Count);

        await handler.HandleAsync([new Delivery<NoteBlindSpot>("s-redelivered", "out-4-0", note)], CancellationToken.None);
        Assert.Equal(3, Assert.Single(await ListAsync()).Count);
    }

    [Fact]
    public async Task An_admin_answers_a_group_with_a_topic_of_the_current_knowledge_base_and_an_unknown_topic_changes_nothing()
    {
        var id = await OneGroupAsync();

        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"{BlindSpotEndpoints.Path}/{id}/answered", new { topic = "droni" }), HttpStatusCode.BadRequest, "unknown-topic");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"{BlindSpotEndpoints.Path}/{id}/answered", new { }), HttpStatusCode.BadRequest, "unknown-topic");
        var unchanged = Assert.Single(await ListAsync());
        Assert.Equal((BlindSpotStatus.Open, null), (unchanged.Status, unchanged.Topic));

        var answered = await StaffDesk.ReadAsync<BlindSpotItem>(await admin.SendAsync(HttpMethod.Post, $"{BlindSpotEndpoints.Path}/{id}/answered", new { topic = "pets" }));

        Assert.Equal((id, BlindSpotStatus.Answered, "pets"), (answered.Id, answered.Status, answered.Topic));
        Assert.Empty(await ListAsync());
        Assert.Equal("pets", Assert.Single(await ListAsync("answered")).Topic);
        var audit = await admin.SendAsync(HttpMethod.Get, "/api/audit?action=blind_spot.answered");
        Assert.Contains(id, await audit.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_admin_dismisses_a_group_and_bad_ids_are_refused()
    {
        var id = await OneGroupAsync();

        var dismissed = await StaffDesk.ReadAsync<BlindSpotItem>(await admin.SendAsync(HttpMethod.Post, $"{BlindSpotEndpoints.Path}/{id}/dismissed"));

        Assert.Equal(BlindSpotStatus.Dismissed, dismissed.Status);
        Assert.Equal(id, Assert.Single(await ListAsync("dismissed")).Id);
        Assert.Empty(await ListAsync());
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"{BlindSpotEndpoints.Path}/0123456789abcdef/dismissed"), HttpStatusCode.NotFound, "blind-spot-not-found");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Post, $"{BlindSpotEndpoints.Path}/..%2Fx/dismissed"), HttpStatusCode.BadRequest, "invalid-blind-spot-id");
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(HttpMethod.Get, $"{BlindSpotEndpoints.Path}?status=closed"), HttpStatusCode.BadRequest, "invalid-blind-spot-status");
    }

    [Fact]
    public async Task Operators_and_supervisors_are_refused()
    {
        var id = await OneGroupAsync();
        foreach (var role in new[] { "operator", "supervisor" })
        {
            var desk = await admin.HireAsync("b" + role, role: role);

            await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Get, BlindSpotEndpoints.Path), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Post, $"{BlindSpotEndpoints.Path}/{id}/answered", new { topic = "pets" }), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsProblemAsync(await desk.SendAsync(HttpMethod.Post, $"{BlindSpotEndpoints.Path}/{id}/dismissed"), HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync(BlindSpotEndpoints.Path)).StatusCode);
        Assert.Equal(BlindSpotStatus.Open, Assert.Single(await ListAsync()).Status);
    }

    [Fact]
    public async Task Retention_forgets_the_examples_with_the_conversations_and_keeps_the_counts()
    {
        await OneGroupAsync();
        clock.Advance(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrivacyOptions>>().Value.Retention.Transcripts + TimeSpan.FromDays(1));

        var result = await host.Services.GetRequiredService<RetentionRun>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.BlindSpotGroups);
        admin = await StaffDesk.LoginAsync(host.Http); // a year later: the token has long expired
        var group = Assert.Single(await ListAsync());
        Assert.Equal(1, group.Count);
        Assert.Equal(Keywords, group.Keywords);
        Assert.Empty(group.Examples);
    }

    private async Task<string> OneGroupAsync()
    {
        await AskAsync(Question);
        await notes.HandledAsync(1);
        return Assert.Single(await ListAsync()).Id;
    }

    private async Task AskAsync(string question) => await new Visitor(host.Http).SayAsync(question);

    private async Task<IReadOnlyList<BlindSpotItem>> ListAsync(string? status = null) =>
        (await StaffDesk.ReadAsync<BlindSpotsResponse>(await admin.SendAsync(HttpMethod.Get, BlindSpotEndpoints.Path + (status is null ? "" : "?status=" + status)))).Groups;
}
