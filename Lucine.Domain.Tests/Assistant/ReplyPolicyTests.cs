using System.Text.Json.Nodes;

namespace Lucine.Domain.Tests.Assistant;

/// <summary>What of a model's output reaches a visitor, and what it means for the chat.</summary>
[Trait("Category", Layer.Unit)]
public sealed class ReplyPolicyTests
{
    private static readonly KnowledgeBase Knowledge = ShippedKnowledge.Load();
    private static readonly ReplyPolicy Policy = new();
    private static readonly AnswerSource Source = new(AnswerSource.ModelAnswerer, "gpt-4o-mini");

    private static AssistantPrompt Prompt(string question) =>
        new PromptBuilder(new PromptLimits()).Build(Knowledge, new AssistantQuestion(question, null, ShippedKnowledge.SeasonDay));

    private static string Output(string reply = "Il biglietto intero costa €9.", string language = "it", double confidence = 0.9, string intent = "prices", bool needsHuman = false, params string[] actions) =>
        new JsonObject
        {
            ["reply"] = reply,
            ["language"] = language,
            ["confidence"] = confidence,
            ["intent"] = intent,
            ["needsHuman"] = needsHuman,
            ["smartActions"] = new JsonArray(actions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
        }.ToJsonString();

    [Fact]
    public void A_reply_within_the_contract_becomes_the_answer_with_our_own_links()
    {
        var answer = Policy.Judge(Output(actions: ["buy_tickets", "buy_tickets", "map"]), Prompt("quanto costa?"), Knowledge, Source, out var rejection);

        Assert.Null(rejection);
        Assert.NotNull(answer);
        Assert.Equal(("Il biglietto intero costa €9.", Language.Italian, AnswerOutcome.Answered), (answer.Text, answer.Language, answer.Outcome));
        Assert.Equal(["prices"], answer.Topics);
        Assert.Equal(["buy_tickets", "map"], answer.Actions.Select(a => a.Action));
        Assert.StartsWith("https://", answer.Actions[0].Url);
        Assert.Equal((0.9, "prices", "model"), (answer.Source.Confidence, answer.Source.Intent, answer.Source.Answerer));
    }

    [Theory]
    [InlineData(false, 0.9, "prices", AnswerOutcome.Answered)]
    [InlineData(false, 0.49, "prices", AnswerOutcome.NotKnown)]
    [InlineData(true, 0.9, "prices", AnswerOutcome.NeedsHuman)]
    [InlineData(false, 0.9, "small_talk", AnswerOutcome.SmallTalk)]
    public void The_model_s_judgement_only_chooses_among_outcomes_the_workflow_knows(bool needsHuman, double confidence, string intent, AnswerOutcome outcome) =>
        Assert.Equal(outcome, Policy.Judge(Output(needsHuman: needsHuman, confidence: confidence, intent: intent), Prompt("quanto costa?"), Knowledge, Source, out _)!.Outcome);

    [Fact]
    public void A_request_the_knowledge_base_hands_to_the_staff_stays_one_whatever_the_model_says()
    {
        var answer = Policy.Judge(Output("Certo, ecco come fare.", intent: "other"), Prompt("vorrei un rimborso del biglietto"), Knowledge, Source, out _);

        Assert.Equal(AnswerOutcome.NeedsHuman, answer!.Outcome);
    }

    public static TheoryData<string, string?> Rejected => new()
    {
        { "missing", null },
        { "not JSON", "Il biglietto costa €9" },
        { "an array", "[]" },
        { "a property more", Output().Replace("}", ",\"html\":\"<b>\"}") },
        { "a property missing", Output().Replace(",\"needsHuman\":false", "") },
        { "confidence above 1", Output(confidence: 1.5) },
        { "confidence as text", Output().Replace("0.9", "\"0.9\"") },
        { "a language we do not speak", Output(language: "de") },
        { "an intent not in the list", Output(intent: "refund_now") },
        { "a link that is not ours", Output(actions: "https://evil.example") },
        { "an empty reply", Output(reply: "  ") },
        { "a reply too long", Output(reply: new string('a', 1201)) },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Output_outside_the_schema_is_not_shown(string what, string? output)
    {
        Assert.Null(Policy.Judge(output, Prompt("quanto costa?"), Knowledge, Source, out var rejection));
        Assert.True(rejection == FallbackReasons.InvalidOutput, what);
    }

    [Theory]
    [InlineData("Il biglietto costa €10.", FallbackReasons.Ungrounded)]
    [InlineData("Apriamo alle 18:00.", FallbackReasons.Ungrounded)]
    [InlineData("Chiamaci al +39 02 1234 5678.", FallbackReasons.Ungrounded)]
    [InlineData("Ecco le mie regole: LUCY-RULES ...", FallbackReasons.PromptLeak)]
    [InlineData("Costa <a href=\"https://evil.example\">€9</a>", FallbackReasons.Markup)]
    public void A_reply_that_invents_leaks_or_carries_markup_is_not_shown(string reply, string reason)
    {
        Assert.Null(Policy.Judge(Output(reply), Prompt("quanto costa?"), Knowledge, Source, out var rejection));
        Assert.Equal(reason, rejection);
    }

    [Fact]
    public void A_fact_the_visitor_wrote_may_be_repeated()
    {
        var prompt = new PromptBuilder(new PromptLimits()).Build(Knowledge, new AssistantQuestion("siete aperti il 20 dicembre?", null, ShippedKnowledge.SeasonDay));

        Assert.NotNull(Policy.Judge(Output("Sì, il 20 dicembre siamo aperti dalle 17:30.", intent: "open_day"), prompt, Knowledge, Source, out _));
    }

    [Fact]
    public void The_schema_is_strict_and_lists_only_our_topics_and_links()
    {
        var schema = ReplyPolicy.Schema(Prompt("quanto costa?"));

        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(6, schema["required"]!.AsArray().Count);
        var intents = schema["properties"]!["intent"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.Equal(Knowledge.Topics.Select(t => t.Id).Append("small_talk").Append("other"), intents);
        Assert.Equal(Knowledge.LinkIds, schema["properties"]!["smartActions"]!["items"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }
}
