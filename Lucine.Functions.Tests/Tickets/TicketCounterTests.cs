using Lucine.Functions.Tickets;

namespace Lucine.Functions.Tests.Tickets;

/// <summary>Ticket numbers on real Table Storage, handed out by racing callers.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class TicketCounterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Forty_concurrent_callers_get_exactly_one_to_forty()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString);
        var counter = host.Services.GetRequiredService<TicketCounter>();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => counter.NextAsync(2026, CancellationToken.None))));

        Assert.All(numbers, number => Assert.Equal(2026, number.Year));
        Assert.Equal(Enumerable.Range(1, 40), numbers.Select(number => number.Sequence).Order());
        Assert.Equal(new TicketNumber(2026, 41), await counter.NextAsync(2026, CancellationToken.None));
    }

    [Fact]
    public async Task Each_year_starts_at_one()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString);
        var counter = host.Services.GetRequiredService<TicketCounter>();
        await counter.NextAsync(2026, CancellationToken.None);
        await counter.NextAsync(2026, CancellationToken.None);

        Assert.Equal(new TicketNumber(2027, 1), await counter.NextAsync(2027, CancellationToken.None));
        Assert.Equal(new TicketNumber(2026, 3), await counter.NextAsync(2026, CancellationToken.None));
        Assert.Equal(new TicketNumber(2027, 2), await counter.NextAsync(2027, CancellationToken.None));
    }

    [Fact]
    public async Task Two_instances_on_the_same_tables_never_hand_out_the_same_number()
    {
        await using var first = await LucineHost.StartAsync(azurite.ConnectionString);
        await using var second = await LucineHost.StartAsync(azurite.ConnectionString, s => s["Storage:TablePrefix"] = first.TablePrefix);
        var counters = new[] { first, second }.Select(host => host.Services.GetRequiredService<TicketCounter>()).ToList();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => counters[i % 2].NextAsync(2026, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 40), numbers.Select(number => number.Sequence).Order());
    }

    [Fact]
    public async Task A_year_that_cannot_be_written_as_a_ticket_number_is_refused()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString);
        var counter = host.Services.GetRequiredService<TicketCounter>();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => counter.NextAsync(99, CancellationToken.None));
    }
}
