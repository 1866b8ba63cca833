using Lucine.Functions.Chat;

namespace Lucine.Functions.Tests.Api;

/// <summary>
/// A retried first message (same clientMessageId, no session token) reaches the session it opened and
/// gets its token, but only within <c>Chat:FirstMessageReplayWindow</c>: later the id is no credential.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class FirstMessageReplayTests(AzuriteFixture azurite)
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 12, 18, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_retried_first_message_gets_its_session_within_the_window_and_a_409_after_it()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, clock: clock);
        var first = new { message = "Quanto costa il biglietto?", clientMessageId = Guid.NewGuid().ToString() };
        var opened = (await (await new Visitor(host.Http).PostAsync(first)).Content.ReadAsync<ChatResponse>())!;

        clock.Advance(TimeSpan.FromMinutes(4));
        var retried = (await (await new Visitor(host.Http).PostAsync(first)).Content.ReadAsync<ChatResponse>())!;
        Assert.Equal((opened.SessionId, opened.SessionToken), (retried.SessionId, retried.SessionToken));

        clock.Advance(TimeSpan.FromMinutes(2));
        var late = await new Visitor(host.Http).PostAsync(first);
        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict, "replay-expired");
        Assert.DoesNotContain(opened.SessionToken!, await late.Content.ReadAsStringAsync());
    }

    /// <summary>Past the last inputs the session remembers, the retry is not recognised as one: it must not be taken as a new message of the old session either.</summary>
    [Fact]
    public async Task A_late_first_message_the_session_no_longer_remembers_adds_nothing_to_it()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, clock: clock);
        var visitor = new Visitor(host.Http);
        var firstId = Guid.NewGuid().ToString();
        await visitor.SayAsync("Quanto costa il biglietto?", firstId);
        for (var i = 0; i < 12; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await visitor.SayAsync("E il parcheggio? " + i, Guid.NewGuid().ToString());
        }

        var rows = (await new TableProbe(host).SessionRowsAsync(visitor.SessionId)).Count;
        var late = await new Visitor(host.Http).PostAsync(new { message = "Quanto costa il biglietto?", clientMessageId = firstId });

        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict, "replay-expired");
        Assert.Equal(rows, (await new TableProbe(host).SessionRowsAsync(visitor.SessionId)).Count);
    }
}
