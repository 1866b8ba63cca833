using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;

namespace Lucine.Functions.Tests.Api;

/// <summary>
/// Another writer commits to the session between this request's read and its write (deterministically:
/// the real store, with a competing commit made just before this request's own).
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class ConflictTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_request_that_lost_the_race_reads_again_and_decides_on_the_new_state()
    {
        await using var host = await StartWithCompetingWriter(commitAttempts: 8);
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("ciao", "first");

        var reply = await visitor.SayAsync("orari?", "second");

        // The competing writer took sequences 3 and 4; this exchange was decided again after them.
        Assert.Equal([5L, 6L], reply.Messages.Select(m => m.Sequence));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], (await visitor.MessagesAsync()).Messages.Select(m => m.Sequence));
    }

    [Fact]
    public async Task When_every_attempt_loses_the_visitor_gets_a_retryable_problem_and_nothing_of_the_request_is_stored()
    {
        await using var host = await StartWithCompetingWriter(commitAttempts: 1);
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("ciao", "first");

        var response = await visitor.PostAsync(new { message = "orari?", sessionId = visitor.SessionId, clientMessageId = "second" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "session-busy");
        var stored = (await visitor.MessagesAsync()).Messages;
        Assert.DoesNotContain(stored, m => m.ClientMessageId == "second");
        Assert.Equal([1L, 2L, 3L, 4L], stored.Select(m => m.Sequence));
    }

    private Task<LucineHost> StartWithCompetingWriter(int commitAttempts) => LucineHost.StartAsync(
        azurite.ConnectionString,
        settings => settings["Decisions:CommitAttempts"] = commitAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        services: services => services.AddSingleton<ISessionStore>(sp => new CompetingWriterStore(sp.GetRequiredService<TableSessionStore>())));

    /// <summary>The real store; the first time a request commits to an existing session, another writer commits first.</summary>
    private sealed class CompetingWriterStore(ISessionStore inner) : DelegatingSessionStore(inner)
    {
        private int competed;

        public override async Task<IReadOnlyList<PendingEffect>> CommitAsync(Commit<SessionDecision> commit, CancellationToken cancellationToken)
        {
            if (commit.ExpectedVersion is not null && Interlocked.Exchange(ref competed, 1) == 0)
            {
                var current = (await LoadAsync(commit.Decision.State.Id, null, DateTimeOffset.MinValue, cancellationToken))!;
                var at = current.State.LastActivityAt;
                var next = current.State.LastSequence;
                var competing = new SessionDecision(
                    current.State with { LastSequence = next + 2 },
                    [new ChatMessage(next + 1, MessageSender.Visitor, "dall'altra scheda", [], at), new ChatMessage(next + 2, MessageSender.Bot, "…", [], at)],
                    []);
                await base.CommitAsync(new Commit<SessionDecision>(commit.Id, competing, current.Version, current.IndexedDue, null, current.Recent, []), cancellationToken);
            }

            return await base.CommitAsync(commit, cancellationToken);
        }
    }
}
