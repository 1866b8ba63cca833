using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lucine.Functions.Knowledge;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Knowledge;

/// <summary>
/// What the dashboard's editors rely on: a draft tried before it is saved, errors by field, and the
/// customer texts versioned like the knowledge base and answering visitors once saved.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class KnowledgeEditorTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string TryPath = KnowledgeAdmin.Path + "/try";

    private LucineHost host = null!;
    private KnowledgeAdmin knowledge = null!;
    private KnowledgeAdmin texts = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        var token = (await StaffDesk.LoginAsync(host.Http)).Token;
        knowledge = new KnowledgeAdmin(host.Http, token);
        texts = new KnowledgeAdmin(host.Http, token, KnowledgeAdmin.TextsPath);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static JsonNode Draft(Action<JsonNode> change)
    {
        var draft = JsonNode.Parse(KnowledgeAdmin.ShippedDocument, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        change(draft);
        return draft;
    }

    private static string Texts(Action<JsonNode> change)
    {
        var document = JsonNode.Parse(KnowledgeAdmin.ShippedTexts)!;
        change(document);
        return document.ToJsonString();
    }

    private Task<HttpResponseMessage> TryAsync(JsonNode draft, string question) =>
        knowledge.SendAsync(HttpMethod.Post, TryPath, new JsonObject { ["knowledgeBase"] = draft.DeepClone(), ["question"] = question }.ToJsonString());

    /// <summary>Each field's errors as "code: message", with the values of its sentence: "placeholder-unknown {placeholder=x}: …".</summary>
    private static async Task<Dictionary<string, string[]>> FieldErrorsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldErrors").EnumerateObject().ToDictionary(
            field => field.Name,
            field => field.Value.EnumerateArray().Select(e =>
                e.GetProperty("code").GetString() + string.Concat(e.GetProperty("args").EnumerateObject().Select(a => $" {{{a.Name}={a.Value.GetString()}}}")) + ": " + e.GetProperty("message").GetString()).ToArray());

    [Fact]
    public async Task A_draft_is_tried_in_both_languages_and_nothing_is_saved()
    {
        var draft = Draft(d =>
        {
            d["facts"]!["price.intero"] = "€13";
            var prices = d["topics"]!.AsArray().First(t => (string?)t!["id"] == "prices")!;
            prices["answer"]!["it"] = "Bozza: intero {price.intero}.";
            prices["answer"]!["en"] = "Draft: standard {price.intero}.";
        });

        var response = await TryAsync(draft, KnowledgeAdmin.PriceQuestion);
        var tried = await response.Content.ReadAsync<KnowledgeTrialResponse>();
        var unknown = await (await TryAsync(draft, "Posso portare il mio drago?")).Content.ReadAsync<KnowledgeTrialResponse>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("prices", "Bozza: intero €13.", "answered"), (tried!.It.Topic, tried.It.Answer, tried.It.Outcome));
        Assert.Equal(("prices", "Draft: standard €13.", "answered"), (tried.En.Topic, tried.En.Answer, tried.En.Outcome));
        Assert.Equal(("not_known", null), (unknown!.It.Outcome, unknown.It.Topic));
        Assert.StartsWith("I'm sorry", unknown.En.Answer, StringComparison.Ordinal);
        Assert.Equal(0, (await knowledge.CurrentAsync()).Version);
        Assert.Contains("€9", (await new Visitor(host.Http).SayAsync(KnowledgeAdmin.PriceQuestion)).Reply);
    }

    [Fact]
    public async Task An_invalid_draft_gets_its_errors_by_field_when_tried_and_when_saved()
    {
        var draft = Draft(d =>
        {
            d["topics"]![3]!["answer"]!["it"] = "Costa {price.sconosciuto}.";
            d["topics"]![1]!["keywords"]!["en"]!.AsArray().Add("ki*");
            d["links"]!.AsObject().First().Value!["url"] = "http://example.org";
        });

        var tried = await TryAsync(draft, KnowledgeAdmin.PriceQuestion);
        var saved = await knowledge.PutAsync(draft.ToJsonString(), "\"0\"");

        await ProblemAssert.IsProblemAsync(tried, HttpStatusCode.UnprocessableEntity, "invalid-knowledge-base");
        await ProblemAssert.IsProblemAsync(saved, HttpStatusCode.UnprocessableEntity, "invalid-knowledge-base");
        var fields = await FieldErrorsAsync(tried);
        var firstLink = Draft(_ => { })["links"]!.AsObject().First().Key;
        Assert.Equal([$"links.{firstLink}.url", "topics[1].keywords.en", "topics[3].answer.it"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("placeholder-unknown {placeholder=price.sconosciuto}: ", Assert.Single(fields["topics[3].answer.it"]));
        Assert.EndsWith("unknown placeholder {price.sconosciuto}", fields["topics[3].answer.it"][0]);
        Assert.Equal(fields, await FieldErrorsAsync(saved));
        Assert.Equal(0, (await knowledge.CurrentAsync()).Version);
    }

    [Fact]
    public async Task A_question_or_draft_that_is_not_one_is_refused()
    {
        await ProblemAssert.IsProblemAsync(await TryAsync(Draft(_ => { }), " "), HttpStatusCode.BadRequest, "invalid-question");
        await ProblemAssert.IsProblemAsync(
            await knowledge.SendAsync(HttpMethod.Post, TryPath, """{"knowledgeBase": [1], "question": "ciao"}"""), HttpStatusCode.BadRequest, "invalid-draft");
    }

    [Fact]
    public async Task Saved_texts_answer_visitors_at_once_and_restoring_version_0_brings_the_file_back()
    {
        Assert.StartsWith("Ciao! Sono Lucy", (await new Visitor(host.Http).SayAsync("ciao")).Reply, StringComparison.Ordinal);
        var changed = Texts(t =>
        {
            t["assistant.greeting"]!["it"] = "Benvenuto alle {event.name}! Sono Lucy.";
            t["assistant.not_known"]!["it"] = "Questo non lo so ancora.";
        });

        var saved = await texts.SaveAsync(changed, "\"0\"");
        var greeting = (await new Visitor(host.Http).SayAsync("ciao")).Reply;
        var notKnown = (await new Visitor(host.Http).SayAsync("Posso portare il mio drago?")).Reply;
        var stale = await texts.PutAsync(changed, "\"0\"");
        var history = await texts.VersionsAsync();
        var restored = await texts.RestoreAsync(0, "\"1\"");
        var afterRestore = (await new Visitor(host.Http).SayAsync("ciao")).Reply;

        Assert.Equal((1, KnowledgeOrigin.Storage), (saved.Version, saved.Source));
        Assert.StartsWith("Benvenuto alle ", greeting, StringComparison.Ordinal);
        Assert.DoesNotContain("{event.name}", greeting, StringComparison.Ordinal);
        Assert.StartsWith("Questo non lo so ancora.", notKnown, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed, "texts-changed");
        Assert.Equal([1, 0], history.Select(v => v.Version));
        Assert.Equal((2, 0), (restored.Version, restored.RestoredFrom));
        Assert.StartsWith("Ciao! Sono Lucy", afterRestore, StringComparison.Ordinal);
        Assert.Equal(0, (await knowledge.CurrentAsync()).Version);
    }

    [Fact]
    public async Task Texts_that_drop_their_own_placeholder_or_use_an_unknown_one_are_refused_by_field()
    {
        var changed = Texts(t =>
        {
            t["queue.entered"]!["it"] = "Sei in coda.";
            t["assistant.not_known"]!["en"] = "Ask {operator}.";
        });

        var response = await texts.PutAsync(changed, "\"0\"");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "invalid-texts");
        var fields = await FieldErrorsAsync(response);
        Assert.Equal(["assistant.not_known.en", "queue.entered.it"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("unknown placeholder {operator}", Assert.Single(fields["assistant.not_known.en"]));
        Assert.Contains("must keep {position}", string.Join(" ", fields["queue.entered.it"]));
        Assert.Contains(fields["queue.entered.it"], e => e.StartsWith("placeholder-dropped {placeholder=position}: ", StringComparison.Ordinal));
        Assert.Equal(0, (await texts.CurrentAsync()).Version);
    }

    [Fact]
    public async Task A_knowledge_base_save_is_checked_with_the_saved_texts()
    {
        await texts.SaveAsync(Texts(t => t["assistant.greeting"]!["it"] = "Ciao da {contact.website}!"));
        var withoutWebsite = Draft(d => d["facts"]!.AsObject().Remove("contact.website"));

        var response = await knowledge.PutAsync(withoutWebsite.ToJsonString());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "invalid-knowledge-base");
        Assert.Contains("templates.assistant.greeting.it", (await FieldErrorsAsync(response)).Keys);
    }
}
