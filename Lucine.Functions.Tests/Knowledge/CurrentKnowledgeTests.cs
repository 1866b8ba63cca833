using System.Diagnostics.Metrics;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Storage;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Knowledge;

/// <summary>
/// Every instance answers from the current knowledge base: the one that saved it at once, the others
/// once their refresh interval has passed, and every consumer (assistant, session and ticket
/// workflows) per operation. Whatever goes wrong while looking keeps the version in use.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class CurrentKnowledgeTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan PastRefresh = new KnowledgeOptions().RefreshInterval + TimeSpan.FromSeconds(1);

    private static async Task<KnowledgeAdmin> AdminAsync(LucineHost host) => new(host.Http, (await StaffDesk.LoginAsync(host.Http)).Token);

    [Fact]
    public async Task Another_instance_on_the_same_tables_answers_from_a_saved_version_once_its_refresh_interval_has_passed()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var a = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock);
        await using var b = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, s => s["Storage:TablePrefix"] = a.TablePrefix);
        var visitorOnB = new Visitor(b.Http);
        var before = await visitorOnB.SayAsync(KnowledgeAdmin.PriceQuestion);

        await (await AdminAsync(a)).SaveAsync(KnowledgeAdmin.WithPrice("€11"));
        var onA = await new Visitor(a.Http).SayAsync(KnowledgeAdmin.PriceQuestion);
        var onBWithinInterval = await visitorOnB.SayAsync(KnowledgeAdmin.PriceQuestion);
        clock.Advance(PastRefresh);
        var onBAfterInterval = await visitorOnB.SayAsync(KnowledgeAdmin.PriceQuestion);

        Assert.Contains("€9", before.Reply);
        Assert.Contains("€11", onA.Reply);

        // B trusts the version it looked at until the interval has passed on its clock.
        Assert.Contains("€9", onBWithinInterval.Reply);
        Assert.Contains("€11", onBAfterInterval.Reply);
        Assert.DoesNotContain("€9", onBAfterInterval.Reply);
    }

    [Fact]
    public async Task The_session_workflow_decides_with_the_current_version()
    {
        await using var host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        const string Question = "Folletto, quanto costa il biglietto?";
        var words = KnowledgeAdmin.ShippedDocument.Replace("\"operatore\",", "\"operatore\",\n      \"folletto\",", StringComparison.Ordinal);
        Assert.NotEqual(KnowledgeAdmin.ShippedDocument, words);
        var before = await new Visitor(host.Http).SayAsync(Question);

        await (await AdminAsync(host)).SaveAsync(words);
        var after = await new Visitor(host.Http).SayAsync(Question);

        Assert.Equal(SessionStatus.Bot, before.Status);
        Assert.Equal(SessionStatus.ConfirmingEscalation, after.Status);
    }

    [Fact]
    public async Task Ticket_messages_to_customers_use_the_current_version()
    {
        await using var host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        var desk = await StaffDesk.LoginAsync(host.Http);
        var renamed = KnowledgeAdmin.ShippedDocument.Replace("\"event.name\": \"Lucine di Natale\"", "\"event.name\": \"Lucine di Natale 2026\"", StringComparison.Ordinal);
        Assert.NotEqual(KnowledgeAdmin.ShippedDocument, renamed);

        await new KnowledgeAdmin(host.Http, desk.Token).SaveAsync(renamed);
        var created = await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria Rossi", contact = "maria@example.com", message = "Ho perso i biglietti" });
        using var sink = await StaffDesk.ReadAsync<JsonDocument>(await desk.SendAsync(HttpMethod.Get, "/api/operator/sink?to=maria%40example.com"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var confirmation = Assert.Single(sink.RootElement.GetProperty("items").EnumerateArray());
        Assert.StartsWith("Lucine di Natale 2026: la tua richiesta LUC-", confirmation.GetProperty("subject").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_version_that_does_not_compile_on_an_instance_leaves_it_answering_from_the_version_it_had()
    {
        // B runs newer texts that cite a fact the version saved on A does not have (B's own file has it).
        var templates = Path.Combine(Path.GetTempPath(), $"templates-{Guid.NewGuid():N}.json");
        var knowledge = Path.Combine(Path.GetTempPath(), $"knowledge-{Guid.NewGuid():N}.json");
        var texts = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Content", "templates.json"));
        await File.WriteAllTextAsync(templates, texts.Replace("Ciao! Sono Lucy", "{event.slogan} Ciao! Sono Lucy", StringComparison.Ordinal));
        await File.WriteAllTextAsync(knowledge, KnowledgeAdmin.ShippedDocument.Replace("\"facts\": {", "\"facts\": {\n    \"event.slogan\": \"Accendi la magia!\",", StringComparison.Ordinal));
        try
        {
            await using var a = await StaffDesk.StartHostAsync(azurite.ConnectionString);
            await (await AdminAsync(a)).SaveAsync(KnowledgeAdmin.WithPrice("€11"));
            await using var b = await StaffDesk.StartHostAsync(azurite.ConnectionString, more: s =>
            {
                s["Storage:TablePrefix"] = a.TablePrefix;
                s["Content:TemplatesPath"] = templates;
                s["Content:KnowledgeBasePath"] = knowledge;
            });

            var onB = await new Visitor(b.Http).SayAsync(KnowledgeAdmin.PriceQuestion);
            var greetingOnB = await new Visitor(b.Http).SayAsync("ciao");
            var onA = await new Visitor(a.Http).SayAsync(KnowledgeAdmin.PriceQuestion);

            Assert.Contains("€9", onB.Reply);
            Assert.StartsWith("Accendi la magia! Ciao! Sono Lucy", greetingOnB.Reply, StringComparison.Ordinal);
            Assert.Contains("€11", onA.Reply);
        }
        finally
        {
            File.Delete(templates);
            File.Delete(knowledge);
        }
    }

    [Fact]
    public async Task When_storage_fails_while_looking_for_a_new_version_the_one_in_use_stays()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var proxy = new TcpProxy(azurite.Server.Port);
        await using var host = await StaffDesk.StartHostAsync(
            azurite.ConnectionString.Replace($":{azurite.Server.Port}/", $":{proxy.Port}/", StringComparison.Ordinal),
            clock,
            s => s["Storage:RequestTimeout"] = "00:00:02");
        await (await AdminAsync(host)).SaveAsync(KnowledgeAdmin.WithPrice("€11"));
        var source = host.Services.GetRequiredService<KnowledgeSource>();

        proxy.BecomeBlackHole();
        clock.Advance(PastRefresh);
        var knowledge = await source.CurrentAsync(CancellationToken.None);

        Assert.Equal("€11", knowledge.Fact("price.intero", Language.Italian));
    }

    [Fact]
    public async Task Callers_at_the_same_moment_share_one_look_at_the_stored_pointer()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, clock: clock);
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var source = host.Services.GetRequiredService<KnowledgeSource>();
        long Looks() => meters.Total(StorageRequestMeter.InstrumentName, StorageScope.Knowledge);

        var first = await source.CurrentAsync(CancellationToken.None);
        var afterFirst = Looks();
        var cached = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => source.CurrentAsync(CancellationToken.None).AsTask()));
        var afterCached = Looks();
        clock.Advance(PastRefresh);
        var refreshed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => source.CurrentAsync(CancellationToken.None).AsTask()));

        Assert.Equal(1, afterFirst);
        Assert.Equal(afterFirst, afterCached);
        Assert.Equal(afterFirst + 1, Looks());
        Assert.All(cached.Concat(refreshed), k => Assert.Same(first, k));
    }

    [Fact]
    public async Task A_shipped_file_with_an_unknown_property_still_stops_the_start_naming_it()
    {
        var knowledge = Path.Combine(Path.GetTempPath(), $"knowledge-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(knowledge, KnowledgeAdmin.ShippedDocument.Replace("\"topics\":", "\"topcis\":", StringComparison.Ordinal));
        try
        {
            var failure = await Record.ExceptionAsync(async () =>
            {
                await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s => s["Content:KnowledgeBasePath"] = knowledge);
            });

            Assert.Contains($"{knowledge} is not valid: $.topcis (line 56, column 12): The JSON property 'topcis' could not be mapped", failure?.Message);
        }
        finally
        {
            File.Delete(knowledge);
        }
    }
}
