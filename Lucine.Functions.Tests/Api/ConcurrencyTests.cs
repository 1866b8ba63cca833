using Lucine.Functions.Chat;

namespace Lucine.Functions.Tests.Api;

/// <summary>Concurrent writers to one session never lose, duplicate or reorder a message.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class ConcurrencyTests(AzuriteFixture azurite)
{
    private const int ParallelMessages = 20;

    // More messages per minute than a visitor may send: this is about writers, not about the rate limit.
    private static void NoRateLimit(Dictionary<string, string?> settings) => settings["Chat:MessagesPerMinute"] = "1000";

    [Fact]
    public async Task Twenty_parallel_messages_to_one_session_are_all_stored_in_order_without_gaps()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, NoRateLimit);
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("ciao", "opening");

        var replies = await Task.WhenAll(Enumerable.Range(1, ParallelMessages)
            .Select(i => visitor.SayAsync($"messaggio {i}: orari?", $"parallel-{i}")));

        await AssertEveryExchangeStoredOnceInOrder(visitor, replies);
    }

    [Fact]
    public async Task Two_app_instances_writing_to_one_session_lose_nothing()
    {
        var prefix = LucineHost.NewTablePrefix();
        var key = LucineHost.NewSecret();
        void Shared(Dictionary<string, string?> settings)
        {
            NoRateLimit(settings);
            settings["Storage:TablePrefix"] = prefix;
            settings["Security:SessionTokenKey"] = key;
        }

        await using var first = await LucineHost.StartAsync(azurite.ConnectionString, Shared);
        await using var second = await LucineHost.StartAsync(azurite.ConnectionString, Shared);
        var opener = new Visitor(first.Http);
        await opener.SayAsync("ciao", "opening");
        var viaSecond = opener.Through(second.Http);

        var replies = await Task.WhenAll(Enumerable.Range(1, ParallelMessages)
            .Select(i => (i % 2 == 0 ? opener : viaSecond).SayAsync($"messaggio {i}: prezzi?", $"parallel-{i}")));

        await AssertEveryExchangeStoredOnceInOrder(opener, replies);
    }

    private static async Task AssertEveryExchangeStoredOnceInOrder(Visitor visitor, IReadOnlyList<ChatResponse> replies)
    {
        var stored = (await visitor.MessagesAsync(limit: 200)).Messages;

        // The opening exchange plus one visitor line and one reply per parallel message, numbered 1..N.
        Assert.Equal(Enumerable.Range(1, 2 + (2 * ParallelMessages)).Select(i => (long)i), stored.Select(m => m.Sequence));
        var visitorLines = stored.Where(m => m.Sender == MessageSender.Visitor).ToList();
        Assert.Equal(1 + ParallelMessages, visitorLines.Count);
        Assert.Equal(
            Enumerable.Range(1, ParallelMessages).Select(i => $"parallel-{i}").Order(),
            visitorLines.Skip(1).Select(m => m.ClientMessageId!).Order());

        // Each request got back its own exchange: its visitor line immediately followed by its reply.
        foreach (var reply in replies)
        {
            var (line, answer) = (reply.Messages[0], reply.Messages[1]);
            Assert.Equal(line.Sequence + 1, answer.Sequence);
            Assert.Equal(line.Text, stored.Single(m => m.Sequence == line.Sequence).Text);
            Assert.Equal(MessageSender.Bot, stored.Single(m => m.Sequence == answer.Sequence).Sender);
        }
    }
}
