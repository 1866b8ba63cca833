using System.Text;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Knowledge;

/// <summary>Admins edit the knowledge base over HTTP; a save answers visitors at once, a bad document changes nothing.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class KnowledgeBaseAdminTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LucineHost host = null!;
    private KnowledgeAdmin admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        admin = new KnowledgeAdmin(host.Http, (await StaffDesk.LoginAsync(host.Http)).Token);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<string> PriceAnswerAsync() => (await new Visitor(host.Http).SayAsync(KnowledgeAdmin.PriceQuestion)).Reply;

    private static string Fact(KnowledgeBaseResponse knowledge, string name) =>
        knowledge.Document.GetProperty("facts").GetProperty(name).GetString()!;

    [Fact]
    public async Task Until_an_admin_saves_the_current_version_is_the_shipped_file_as_version_0()
    {
        var response = await admin.SendAsync(HttpMethod.Get, KnowledgeAdmin.Path);
        var current = (await response.Content.ReadAsync<KnowledgeBaseResponse>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"0\"", response.Headers.ETag?.ToString());
        Assert.Equal((0, KnowledgeOrigin.File, null, null), (current.Version, current.Source, current.SavedBy, current.SavedAt));
        Assert.Equal(Encoding.UTF8.GetByteCount(KnowledgeAdmin.ShippedDocument), current.Size);
        Assert.Equal("€9", Fact(current, "price.intero"));
        Assert.Contains("€9", await PriceAnswerAsync());
    }

    [Fact]
    public async Task A_saved_version_answers_visitors_at_once()
    {
        Assert.Contains("€9", await PriceAnswerAsync());

        var saved = await admin.SaveAsync(KnowledgeAdmin.WithPrice("€11"), ifMatch: "\"0\"");
        var answer = await PriceAnswerAsync();
        var current = await admin.CurrentAsync();

        Assert.Equal((1, KnowledgeOrigin.Storage, StaffDesk.AdminUsername), (saved.Version, saved.Source, saved.SavedBy));
        Assert.NotNull(saved.SavedAt);
        Assert.Contains("€11", answer);
        Assert.DoesNotContain("€9", answer);
        Assert.Equal((1, "€11"), (current.Version, Fact(current, "price.intero")));
    }

    [Fact]
    public async Task History_lists_versions_newest_first_and_a_restore_stores_an_old_one_as_a_new_version()
    {
        await admin.SaveAsync(KnowledgeAdmin.WithPrice("€11"));
        await admin.SaveAsync(KnowledgeAdmin.WithPrice("€12"));

        var history = await admin.VersionsAsync();
        var first = await admin.SendAsync(HttpMethod.Get, $"{KnowledgeAdmin.Path}/versions/1");
        var restored = await admin.RestoreAsync(1, ifMatch: "\"2\"");
        var afterRestore = await PriceAnswerAsync();
        var backToFile = await admin.RestoreAsync(0);
        var afterFile = await PriceAnswerAsync();

        Assert.Equal([2, 1, 0], history.Select(v => v.Version));
        Assert.Equal([KnowledgeOrigin.Storage, KnowledgeOrigin.Storage, KnowledgeOrigin.File], history.Select(v => v.Source));
        Assert.Equal([StaffDesk.AdminUsername, StaffDesk.AdminUsername, null], history.Select(v => v.SavedBy));
        Assert.Equal(Encoding.UTF8.GetByteCount(KnowledgeAdmin.WithPrice("€12")), history[0].Size);
        Assert.Equal("€11", Fact((await first.Content.ReadAsync<KnowledgeBaseResponse>())!, "price.intero"));
        Assert.Equal("\"1\"", first.Headers.ETag?.ToString());
        Assert.Equal((3, 1, "€11"), (restored.Version, restored.RestoredFrom, Fact(restored, "price.intero")));
        Assert.Contains("€11", afterRestore);
        Assert.Equal((4, 0), (backToFile.Version, backToFile.RestoredFrom));
        Assert.Contains("€9", afterFile);
        Assert.Equal([4, 3], (await admin.VersionsAsync("?limit=2")).Select(v => v.Version));
        Assert.Equal([2, 1, 0], (await admin.VersionsAsync("?before=3")).Select(v => v.Version));
        Assert.Equal([1, 0], (await admin.VersionsAsync("?before=2&limit=5")).Select(v => v.Version));
        await ProblemAssert.IsProblemAsync(
            await admin.SendAsync(HttpMethod.Get, $"{KnowledgeAdmin.Path}/versions/9"), HttpStatusCode.NotFound, "knowledge-base-version-not-found");
        await ProblemAssert.IsProblemAsync(
            await admin.SendAsync(HttpMethod.Post, $"{KnowledgeAdmin.Path}/versions/9/restore"), HttpStatusCode.NotFound, "knowledge-base-version-not-found");
        await ProblemAssert.IsProblemAsync(
            await admin.SendAsync(HttpMethod.Get, $"{KnowledgeAdmin.Path}/versions/latest"), HttpStatusCode.BadRequest, "invalid-version");
    }

    [Fact]
    public async Task A_document_longer_than_a_table_property_is_stored_in_parts_and_read_back_whole()
    {
        // A long fact placed so that a character outside the BMP (two UTF-16 units) straddles the first part's end.
        const string Marker = "\"event.name\": \"";
        var start = KnowledgeAdmin.ShippedDocument.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        var value = new string('a', DocumentStore.PartLength - 1 - start) + "🎄" + string.Concat(Enumerable.Repeat("Luci è festa 🎄 ", 5000));
        var document = KnowledgeAdmin.ShippedDocument.Insert(start - Marker.Length, $"\"notes.long\": \"{value}\",\n    ");
        Assert.True(char.IsHighSurrogate(document[DocumentStore.PartLength - 1]));

        var saved = await admin.SaveAsync(document);
        var read = await admin.SendAsync(HttpMethod.Get, $"{KnowledgeAdmin.Path}/versions/{saved.Version}");

        Assert.True(document.Length > 2 * DocumentStore.PartLength);
        Assert.Equal(value, Fact((await read.Content.ReadAsync<KnowledgeBaseResponse>())!, "notes.long"));
        Assert.Equal(Encoding.UTF8.GetByteCount(document), saved.Size);
    }

    public static TheoryData<string, string, HttpStatusCode, string, string[]> InvalidDocuments()
    {
        var shipped = KnowledgeAdmin.ShippedDocument;
        return new()
        {
            {
                "malformed JSON",
                shipped.Replace("\"price.ridotto\": \"€7\",", "\"price.ridotto\": \"€7\"", StringComparison.Ordinal),
                HttpStatusCode.BadRequest, "invalid-json",
                ["$.facts['price.ridotto'] (line 7, column 5): '\"' is invalid after a value. Expected either ',', '}', or ']'."]
            },
            {
                "unknown property",
                shipped.Replace("\"topics\":", "\"topcis\":", StringComparison.Ordinal),
                HttpStatusCode.UnprocessableEntity, "invalid-knowledge-base",
                ["$.topcis (line 56, column 12): The JSON property 'topcis' could not be mapped to any .NET member contained in type 'Lucine.Domain.Assistant.KnowledgeBaseDocument'."]
            },
            {
                "missing property",
                shipped[..shipped.IndexOf("  \"ticketRequest\"", StringComparison.Ordinal)] + "}",
                HttpStatusCode.UnprocessableEntity, "invalid-knowledge-base",
                ["$ (line 1284, column 2): JSON deserialization for type 'Lucine.Domain.Assistant.KnowledgeBaseDocument' was missing required properties including: 'ticketRequest'."]
            },
            {
                "unknown placeholder",
                shipped.Replace("• Intero {price.intero}", "• Intero {price.interi}", StringComparison.Ordinal),
                HttpStatusCode.UnprocessableEntity, "invalid-knowledge-base",
                ["topics[0] (prices).answer.it: unknown placeholder {price.interi}"]
            },
            {
                "bad link and unknown placeholder",
                shipped.Replace("https://wa.me/393123456789", "http://wa.me/393123456789", StringComparison.Ordinal)
                    .Replace("• Intero {price.intero}", "• Intero {price.interi}", StringComparison.Ordinal),
                HttpStatusCode.UnprocessableEntity, "invalid-knowledge-base",
                [
                    "links.whatsapp.url: \"http://wa.me/393123456789\" must be an absolute https, mailto or tel address, or one fact holding one (like {season.tickets_url})",
                    "topics[0] (prices).answer.it: unknown placeholder {price.interi}",
                ]
            },
            {
                "null fact",
                shipped.Replace("\"price.intero\": \"€9\"", "\"price.intero\": null", StringComparison.Ordinal),
                HttpStatusCode.UnprocessableEntity, "invalid-knowledge-base",
                ["facts.price.intero: the value is empty"]
            },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public async Task An_invalid_document_is_refused_with_every_exact_error_and_changes_nothing(
        string mistake, string document, HttpStatusCode status, string slug, string[] errors)
    {
        Assert.NotEqual(KnowledgeAdmin.ShippedDocument, document);
        await admin.SaveAsync(KnowledgeAdmin.WithPrice("€11"));

        var response = await admin.PutAsync(document, ifMatch: "\"1\"");
        var body = await response.Content.ReadAsStringAsync();

        await ProblemAssert.IsProblemAsync(response, status, slug);
        using var problem = JsonDocument.Parse(body);
        Assert.True(errors.SequenceEqual(problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString())), $"{mistake}: {body}");
        Assert.Equal((1, "€11"), ((await admin.CurrentAsync()).Version, Fact(await admin.CurrentAsync(), "price.intero")));
        Assert.Equal([1, 0], (await admin.VersionsAsync()).Select(v => v.Version));
        Assert.Contains("€11", await PriceAnswerAsync());
    }

    [Fact]
    public async Task A_document_that_cannot_be_read_says_where_as_path_line_and_column()
    {
        var response = await admin.PutAsync(KnowledgeAdmin.ShippedDocument.Replace("\"topics\":", "\"topcis\":", StringComparison.Ordinal));

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = problem.RootElement;
        Assert.Equal(("$.topcis", 56, 12), (root.GetProperty("path").GetString(), root.GetProperty("line").GetInt32(), root.GetProperty("column").GetInt32()));
        Assert.StartsWith("Nothing was saved: $.topcis (line 56, column 12)", root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_of_a_version_that_is_not_current_any_more_gets_412_and_stores_nothing()
    {
        await admin.SaveAsync(KnowledgeAdmin.WithPrice("€11"), ifMatch: "\"0\"");

        var stale = await admin.PutAsync(KnowledgeAdmin.WithPrice("€12"), ifMatch: "\"0\"");
        var staleRestore = await admin.SendAsync(HttpMethod.Post, $"{KnowledgeAdmin.Path}/versions/0/restore", ifMatch: "\"0\"");
        var garbled = await admin.PutAsync(KnowledgeAdmin.WithPrice("€12"), ifMatch: "version one");

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed, "knowledge-base-changed");
        using (var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()))
        {
            Assert.Equal(1, problem.RootElement.GetProperty("currentVersion").GetInt32());
        }

        await ProblemAssert.IsProblemAsync(staleRestore, HttpStatusCode.PreconditionFailed, "knowledge-base-changed");
        await ProblemAssert.IsProblemAsync(garbled, HttpStatusCode.BadRequest, "invalid-if-match");
        Assert.Equal([1, 0], (await admin.VersionsAsync()).Select(v => v.Version));
        Assert.Contains("€11", await PriceAnswerAsync());
    }

    [Fact]
    public async Task Of_two_admins_saving_from_the_same_version_at_once_only_one_wins()
    {
        var other = new KnowledgeAdmin(host.Http, (await StaffDesk.LoginAsync(host.Http)).Token);

        var responses = await Task.WhenAll(
            admin.PutAsync(KnowledgeAdmin.WithPrice("€11"), ifMatch: "\"0\""),
            other.PutAsync(KnowledgeAdmin.WithPrice("€12"), ifMatch: "\"0\""));

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.PreconditionFailed],
            responses.Select(r => r.StatusCode).Order());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.Created);
        var price = Fact((await winner.Content.ReadAsync<KnowledgeBaseResponse>())!, "price.intero");
        Assert.Equal([1, 0], (await admin.VersionsAsync()).Select(v => v.Version));
        Assert.Equal(price, Fact(await admin.CurrentAsync(), "price.intero"));
    }

    [Fact]
    public async Task Only_admins_may_read_or_change_the_knowledge_base()
    {
        var desk = await StaffDesk.LoginAsync(host.Http);
        var operatorDesk = await desk.HireAsync("elfo", role: "operator");
        var supervisorDesk = await desk.HireAsync("renna", role: "supervisor");
        var anonymous = new KnowledgeAdmin(host.Http, null);
        var staff = new[] { new KnowledgeAdmin(host.Http, operatorDesk.Token), new KnowledgeAdmin(host.Http, supervisorDesk.Token) };

        await ProblemAssert.IsProblemAsync(await anonymous.SendAsync(HttpMethod.Get, KnowledgeAdmin.Path), HttpStatusCode.Unauthorized, "operator-token-required");
        await ProblemAssert.IsProblemAsync(await anonymous.PutAsync(KnowledgeAdmin.WithPrice("€1")), HttpStatusCode.Unauthorized, "operator-token-required");
        foreach (var member in staff)
        {
            await ProblemAssert.IsProblemAsync(await member.SendAsync(HttpMethod.Get, KnowledgeAdmin.Path), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsProblemAsync(await member.PutAsync(KnowledgeAdmin.WithPrice("€1")), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsProblemAsync(await member.SendAsync(HttpMethod.Get, $"{KnowledgeAdmin.Path}/versions"), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsProblemAsync(await member.SendAsync(HttpMethod.Post, $"{KnowledgeAdmin.Path}/versions/0/restore"), HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal([0], (await admin.VersionsAsync()).Select(v => v.Version));
    }

    [Fact]
    public async Task A_document_over_the_size_limit_is_refused_and_changes_nothing()
    {
        var limit = new KnowledgeOptions().MaxDocumentBytes;
        var document = KnowledgeAdmin.ShippedDocument.Replace(
            "\"price.intero\": \"€9\"", $"\"price.intero\": \"€9\", \"notes.huge\": \"{new string('x', limit)}\"", StringComparison.Ordinal);

        var response = await admin.PutAsync(document);
        var wrongType = await admin.SendAsync(HttpMethod.Put, KnowledgeAdmin.Path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Contains($"at most {limit} bytes", await response.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(wrongType, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal([0], (await admin.VersionsAsync()).Select(v => v.Version));
    }

    [Fact]
    public async Task The_schema_is_the_documents_own_and_refuses_unknown_properties()
    {
        var response = await admin.SendAsync(HttpMethod.Get, $"{KnowledgeAdmin.Path}/schema");
        using var schema = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var shipped = JsonDocument.Parse(KnowledgeAdmin.ShippedDocument);
        var root = schema.RootElement;
        var topic = root.GetProperty("properties").GetProperty("topics").GetProperty("items");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(
            shipped.RootElement.EnumerateObject().Select(p => p.Name).Order(),
            root.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(
            shipped.RootElement.EnumerateObject().Select(p => p.Name).Order(),
            root.GetProperty("required").EnumerateArray().Select(p => p.GetString()!).Order());
        Assert.Equal(["answer", "id", "keywords"], topic.GetProperty("required").EnumerateArray().Select(p => p.GetString()).Order());
        Assert.False(topic.GetProperty("additionalProperties").GetBoolean());
    }
}
