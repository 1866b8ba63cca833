using Azure.Core;
using Lucine.Domain.Tests.Assistant;
using Lucine.Functions.Assistant;
using Lucine.Functions.Tests.Api;

namespace Lucine.Functions.Tests.Ai;

/// <summary>
/// What Lucine sends to OpenAI and Azure OpenAI, checked field by field against the Chat Completions
/// contract on a local stand-in, and what it does with the answers: shown when they keep to the
/// schema and the facts, replaced by the knowledge base's answer in the same request otherwise.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class ModelContractTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset SeasonEvening = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);

    /// <summary>A client with a key never asks for the app's identity.</summary>
    private static readonly Func<TokenCredential> NoIdentity = () => throw new InvalidOperationException("A model client with a key asked for the app's identity.");

    [Fact]
    public async Task OpenAI_gets_the_documented_request_and_its_reply_reaches_the_visitor()
    {
        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString, clock: new ManualClock(SeasonEvening));
        lucine.Model.Then(ModelResponse.Reply("Il biglietto intero costa €9, il ridotto €7.", actions: "buy_tickets"));
        var visitor = lucine.NewVisitor();

        var chat = await visitor.SayAsync("Quanto costa il biglietto?");

        Assert.Equal("Il biglietto intero costa €9, il ridotto €7.", chat.Reply);
        Assert.Equal(SessionStatus.Bot, chat.Status);
        Assert.Equal("buy_tickets", Assert.Single(chat.SmartActions).Action);

        var request = Assert.Single(lucine.Model.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ModelHost.ApiKey}", request.Header("Authorization"));
        Assert.Null(request.Header("api-key"));
        Assert.Equal("application/json", request.ContentType.Split(';')[0]);
        Assert.Equal("gpt-4o-mini", request.Body["model"]!.GetValue<string>());
        Assert.Equal(0.2, request.Body["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(500, request.Body["max_completion_tokens"]!.GetValue<int>());
        AssertStrictSchema(request);

        var messages = request.Messages;
        Assert.Equal(["system", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        var instructions = messages[0]!["content"]!.GetValue<string>();
        Assert.Contains("You are Lucy", instructions);
        Assert.Contains("TODAY: sabato 13 dicembre 2025", instructions);
        Assert.Contains("- price.intero: €9", instructions);
        Assert.Contains("[prices]", instructions);
        Assert.DoesNotContain("[parking]", instructions);
        Assert.Equal("Quanto costa il biglietto?", messages[1]!["content"]!.GetValue<string>());

        var turn = await lucine.TurnAsync(visitor);
        Assert.Equal("model", turn["answerer"]);
        Assert.Equal(FakeModelService.ServedModel, turn["model"]);
        Assert.Equal("812", turn["input_tokens"]);
        Assert.Equal("64", turn["output_tokens"]);
        Assert.Equal("0.9", turn["confidence"]);
        Assert.Equal("prices", turn["intent"]);
        Assert.Equal("prices", turn["topics"]);
        Assert.True(long.Parse(turn["latency_ms"], System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.False(turn.ContainsKey("fallback_reason"));
    }

    [Fact]
    public async Task Azure_OpenAI_gets_the_deployment_on_its_v1_path_with_the_api_key_header()
    {
        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString, azure: true);

        var chat = await lucine.NewVisitor().SayAsync("Quanto costa il biglietto?");

        Assert.Equal("Il biglietto intero costa €9.", chat.Reply);
        var request = Assert.Single(lucine.Model.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal(ModelHost.ApiKey, request.Header("api-key"));
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("lucy-production", request.Body["model"]!.GetValue<string>());
        AssertStrictSchema(request);
    }

    [Fact]
    public async Task Azure_OpenAI_without_a_key_gets_a_bearer_token_of_the_apps_identity_over_https()
    {
        using var certificate = TestCertificate.Create();
        await using var model = await FakeModelService.StartAsync(certificate);
        var identity = new RecordingCredential();
        await using var host = await LucineHost.StartAsync(
            azurite.ConnectionString,
            s =>
            {
                s["Ai:Provider"] = "AzureOpenAI";
                s["Ai:Endpoint"] = new Uri(model.BaseAddress, "/openai/v1/").ToString();
                s["Ai:Model"] = "lucy-production";
            },
            ShiftedClock.InSeason(),
            services: services =>
            {
                services.AddSingleton<TokenCredential>(identity);

                // Only this app's model client trusts the stand-in's certificate.
                services.AddHttpClient(ModelClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => TestCertificate.Trusting(certificate));
            });

        var chat = await new Visitor(host.Http).SayAsync("Quanto costa il biglietto?");

        Assert.Equal("Il biglietto intero costa €9.", chat.Reply);
        var request = Assert.Single(model.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {RecordingCredential.Token}", request.Header("Authorization"));
        Assert.Null(request.Header("api-key"));
        Assert.Equal("lucy-production", request.Body["model"]!.GetValue<string>());
        AssertStrictSchema(request);
        Assert.Equal("https://cognitiveservices.azure.com/.default", Assert.Single(Assert.Single(identity.Scopes)));
    }

    [Fact]
    public async Task The_conversation_reaches_the_model_in_order_with_each_line_in_its_role()
    {
        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString);
        lucine.Model.Then(
            ModelResponse.Reply("Il biglietto intero costa €9."),
            ModelResponse.Reply("Il parcheggio P1 è vicino all'ingresso.", intent: "parking"));
        var visitor = lucine.NewVisitor();

        await visitor.SayAsync("Quanto costa il biglietto?");
        await visitor.SayAsync("e il parcheggio?");

        var second = lucine.Model.Requests[1].Messages;
        Assert.Equal(
            [("system", null), ("user", "Quanto costa il biglietto?"), ("assistant", "Il biglietto intero costa €9."), ("user", "e il parcheggio?")],
            second.Select(m => (m!["role"]!.GetValue<string>(), m["role"]!.GetValue<string>() == "system" ? null : m["content"]!.GetValue<string>())));

        // A follow-up keeps the facts of the question before it.
        var instructions = second[0]!["content"]!.GetValue<string>();
        Assert.Contains("[parking]", instructions);
        Assert.Contains("[prices]", instructions);
    }

    [Fact]
    public async Task A_staff_member_s_lines_go_to_the_model_as_assistant_lines_named_operator()
    {
        await using var model = await FakeModelService.StartAsync();
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var client = new ModelClient(
            Microsoft.Extensions.Options.Options.Create(new AiOptions { ApiKey = ModelHost.ApiKey, Endpoint = new Uri(model.BaseAddress, "/v1") }),
            services.GetRequiredService<IHttpClientFactory>(),
            NoIdentity);
        var knowledge = ShippedKnowledge.Load();
        var history = new[]
        {
            new ChatMessage(1, MessageSender.Visitor, "Posso portare il cane?", [], SeasonEvening),
            new ChatMessage(2, MessageSender.Bot, "Sì, al guinzaglio.", [], SeasonEvening),
            new ChatMessage(3, MessageSender.System, "Marco si è unito alla chat.", [], SeasonEvening),
            new ChatMessage(4, MessageSender.Operator, "Ciao, sono Marco dello staff.", [], SeasonEvening, Author: "marco"),
        };
        var prompt = new PromptBuilder(new PromptLimits()).Build(knowledge, new AssistantQuestion("grazie!", null, ShippedKnowledge.SeasonDay, history));

        await client.CompleteAsync(prompt, CancellationToken.None);

        var messages = Assert.Single(model.Requests).Messages.Skip(1).Select(m => m!.AsObject()).ToList();
        Assert.Equal(
            [("user", "Posso portare il cane?", null), ("assistant", "Sì, al guinzaglio.", null), ("assistant", "Ciao, sono Marco dello staff.", "operator"), ("user", "grazie!", null)],
            messages.Select(m => (m["role"]!.GetValue<string>(), m["content"]!.GetValue<string>(), m["name"]?.GetValue<string>())));
    }

    public static TheoryData<string, ModelResponse, string, int> Failures => new()
    {
        { "server error on every attempt", new ModelResponse.Failure(500), "http_500", 3 },
        { "not JSON", new ModelResponse.Completion("Il biglietto costa €9"), FallbackReasons.InvalidOutput, 1 },
        { "JSON outside the schema", new ModelResponse.Completion("""{"reply":"Costa €9.","language":"it"}"""), FallbackReasons.InvalidOutput, 1 },
        { "a link id that is not ours", ModelResponse.Reply("Costa €9.", actions: "https://example.com/buy"), FallbackReasons.InvalidOutput, 1 },
        { "a refusal", new ModelResponse.Completion(null, Refusal: "I'm sorry, I can't help with that."), FallbackReasons.Refusal, 1 },
        { "a reply cut by the token limit", new ModelResponse.Completion("""{"reply":"Il biglietto""", "length"), FallbackReasons.Truncated, 1 },
        { "an invented price", ModelResponse.Reply("Il biglietto intero costa €12."), FallbackReasons.Ungrounded, 1 },
        { "an invented date", ModelResponse.Reply("Siamo aperti anche il 24 novembre."), FallbackReasons.Ungrounded, 1 },
        { "a web address not in the knowledge base", ModelResponse.Reply("Compra su biglietti-scontati.com, costa €9."), FallbackReasons.Ungrounded, 1 },
        { "the instructions repeated", ModelResponse.Reply("LUCY-RULES You are Lucy..."), FallbackReasons.PromptLeak, 1 },
        { "HTML", ModelResponse.Reply("<b>€9</b>"), FallbackReasons.Markup, 1 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task When_the_model_fails_the_knowledge_base_answers_in_the_same_request(string failure, ModelResponse response, string reason, int calls)
    {
        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString);
        lucine.Model.Default = response;
        var visitor = lucine.NewVisitor();

        var chat = await visitor.SayAsync("Quanto costa il biglietto?");

        Assert.Contains("€9", chat.Reply);
        Assert.Contains("€7", chat.Reply);
        Assert.Equal(SessionStatus.Bot, chat.Status);
        Assert.True(calls == lucine.Model.Requests.Count, failure);
        var turn = await lucine.TurnAsync(visitor);
        Assert.Equal("local", turn["answerer"]);
        Assert.Equal(reason, turn["fallback_reason"]);
        Assert.Equal("prices", turn["topics"]);
    }

    [Fact]
    public async Task A_model_that_never_answers_is_given_up_at_the_timeout()
    {
        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString, configure: s => s["Ai:Timeout"] = "00:00:00.500");
        lucine.Model.Default = new ModelResponse.Silence();
        var visitor = lucine.NewVisitor();

        var chat = await visitor.SayAsync("Quanto costa il biglietto?");

        Assert.Contains("€9", chat.Reply);
        Assert.Single(lucine.Model.Requests);
        Assert.Equal(FallbackReasons.Timeout, (await lucine.TurnAsync(visitor))["fallback_reason"]);
    }

    [Fact]
    public async Task A_service_nobody_listens_for_is_a_lost_connection_and_the_knowledge_base_answers()
    {
        var closed = new Uri($"http://127.0.0.1:{AzuriteServer.FreePort()}/v1");
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var client = new ModelClient(
            Microsoft.Extensions.Options.Options.Create(new AiOptions { ApiKey = ModelHost.ApiKey, Endpoint = closed }),
            services.GetRequiredService<IHttpClientFactory>(),
            NoIdentity);
        var prompt = new PromptBuilder(new PromptLimits()).Build(ShippedKnowledge.Load(), new AssistantQuestion("ciao", null, ShippedKnowledge.SeasonDay));

        // The SDK reports a lost connection as a result without a status: what the retry treats as transient.
        var failure = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => client.CompleteAsync(prompt, CancellationToken.None));
        Assert.Equal(0, failure.Status);

        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString, configure: s => s["Ai:Endpoint"] = closed.ToString());
        var visitor = lucine.NewVisitor();
        var chat = await visitor.SayAsync("Quanto costa il biglietto?");

        Assert.Contains("€9", chat.Reply);
        Assert.Equal(FallbackReasons.Unreachable, (await lucine.TurnAsync(visitor))["fallback_reason"]);
    }

    [Fact]
    public async Task Throttling_is_retried_and_the_model_s_reply_still_arrives()
    {
        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString);
        lucine.Model.Then(new ModelResponse.Failure(429, RetryAfterSeconds: "0"), new ModelResponse.Failure(503));

        var chat = await lucine.NewVisitor().SayAsync("Quanto costa il biglietto?");

        Assert.Equal("Il biglietto intero costa €9.", chat.Reply);
        Assert.Equal(3, lucine.Model.Requests.Count);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_closes_when_the_model_answers_again()
    {
        var clock = new ManualClock(SeasonEvening);
        await using var lucine = await ModelHost.StartAsync(
            azurite.ConnectionString,
            configure: s =>
            {
                s["Ai:MaxRetries"] = "0";
                s["Ai:BreakerMinimumCalls"] = "2";
                s["Ai:BreakerPause"] = "00:00:30";
            },
            clock: clock);
        lucine.Model.Default = new ModelResponse.Failure(500);

        async Task<(string Reply, string Answerer, string? Reason)> TurnAsync()
        {
            var visitor = lucine.NewVisitor();
            var chat = await visitor.SayAsync("Quanto costa il biglietto?");
            var turn = await lucine.TurnAsync(visitor);
            return (chat.Reply, turn["answerer"], turn.TryGetValue("fallback_reason", out var reason) ? reason : null);
        }

        Assert.Equal("http_500", (await TurnAsync()).Reason);
        Assert.Equal("http_500", (await TurnAsync()).Reason);

        // Open: the model is not called at all, and the visitor still gets the facts.
        var whileOpen = await TurnAsync();
        Assert.Equal(FallbackReasons.CircuitOpen, whileOpen.Reason);
        Assert.Contains("€9", whileOpen.Reply);
        Assert.Equal(2, lucine.Model.Requests.Count);

        // After the pause one call tries the model again; it answers, and the circuit closes.
        lucine.Model.Default = ModelResponse.Reply("Il biglietto intero costa €9.");
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(("Il biglietto intero costa €9.", "model", (string?)null), await TurnAsync());
        Assert.Equal(("Il biglietto intero costa €9.", "model", (string?)null), await TurnAsync());
        Assert.Equal(4, lucine.Model.Requests.Count);
    }

    [Fact]
    public async Task A_model_that_thinks_a_person_is_needed_only_adds_the_offer_of_one()
    {
        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString);
        lucine.Model.Default = ModelResponse.Reply("Mi dispiace, per questo serve lo staff.", intent: "other", needsHuman: true);

        var chat = await lucine.NewVisitor().SayAsync("ho perso il portafoglio nel parco");

        Assert.Equal(SessionStatus.ConfirmingEscalation, chat.Status);
        Assert.StartsWith("Mi dispiace, per questo serve lo staff.", chat.Reply);
        Assert.Equal(["request_operator", "continue_ai"], chat.SmartActions.Select(a => a.Action));
    }

    [Fact]
    public async Task A_low_confidence_reply_is_shown_with_the_offer_of_a_person()
    {
        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString);
        lucine.Model.Default = ModelResponse.Reply("Non ne sono sicura.", intent: "other", confidence: 0.2);

        var visitor = lucine.NewVisitor();
        var chat = await visitor.SayAsync("c'è il wifi nel parco?");

        Assert.Equal(SessionStatus.ConfirmingEscalation, chat.Status);
        Assert.StartsWith("Non ne sono sicura.", chat.Reply);
        var turn = await lucine.TurnAsync(visitor);
        Assert.Equal("not_known", turn["outcome"]);
        Assert.Equal("0.2", turn["confidence"]);
    }

    private static void AssertStrictSchema(ModelRequest request)
    {
        var format = request.Body["response_format"]!.AsObject();
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var schema = format["json_schema"]!.AsObject();
        Assert.Equal(ReplyPolicy.SchemaName, schema["name"]!.GetValue<string>());
        Assert.True(schema["strict"]!.GetValue<bool>());
        Assert.Equal("object", request.Schema["type"]!.GetValue<string>());
        Assert.False(request.Schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(
            ["reply", "language", "confidence", "intent", "needsHuman", "smartActions"],
            request.Schema["required"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["it", "en"], request.Enum("language"));
        Assert.Contains("prices", request.Enum("intent"));
        Assert.Contains("small_talk", request.Enum("intent"));
        Assert.Equal(["buy_tickets", "whatsapp", "email", "map", "website"], request.Schema["properties"]!["smartActions"]!["items"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }
}
