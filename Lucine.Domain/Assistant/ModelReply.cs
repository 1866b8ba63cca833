using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lucine.Domain.Assistant;

/// <summary>
/// The structured answer a language model must give: the contract its output is held to (a strict
/// JSON schema built from the prompt's intents and actions), and the checks a reply must pass before
/// a visitor sees it. A reply that fails any of them is replaced by the local answer.
/// </summary>
/// <param name="MinConfidence">Below it the model is taken not to know, and the chat offers a person.</param>
/// <param name="MaxLength">A longer reply is not a chat message.</param>
public sealed partial record ReplyPolicy(double MinConfidence = 0.5, int MaxLength = 1200, int MaxActions = 3)
{
    public const string SchemaName = "lucy_answer";

    /// <summary>
    /// The schema for strict structured output: every property required, no others. Its enums change
    /// with the knowledge base, so that the model can only name our own topics and links.
    /// </summary>
    public static JsonObject Schema(AssistantPrompt prompt) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["reply"] = new JsonObject { ["type"] = "string", ["description"] = "The message to the visitor, plain text." },
            ["language"] = Enum(["it", "en"]),
            ["confidence"] = new JsonObject { ["type"] = "number", ["description"] = "0 to 1" },
            ["intent"] = Enum(prompt.Intents),
            ["needsHuman"] = new JsonObject { ["type"] = "boolean" },
            ["smartActions"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = prompt.Actions.Count > 0 ? Enum(prompt.Actions) : new JsonObject { ["type"] = "string" },
            },
        },
        ["required"] = new JsonArray("reply", "language", "confidence", "intent", "needsHuman", "smartActions"),
        ["additionalProperties"] = false,
    };

    /// <summary>
    /// Reads and checks a model's output. Returns the answer, or null with the reason it cannot be shown
    /// (one of <see cref="FallbackReasons"/>).
    /// </summary>
    public AssistantAnswer? Judge(string? output, AssistantPrompt prompt, KnowledgeBase knowledge, AnswerSource source, out string? rejection)
    {
        var reply = Parse(output, prompt, out rejection);
        if (reply is null)
        {
            return null;
        }

        rejection = Unsafe(reply, prompt);
        if (rejection is not null)
        {
            return null;
        }

        // The knowledge base's own hand-off rule holds whatever the model thinks of the request.
        var outcome = reply.NeedsHuman || prompt.Grounding.NeedsHuman ? AnswerOutcome.NeedsHuman
            : reply.Confidence < MinConfidence ? AnswerOutcome.NotKnown
            : reply.Intent == AssistantPrompt.SmallTalkIntent ? AnswerOutcome.SmallTalk
            : AnswerOutcome.Answered;
        var topics = knowledge.Topics.Any(t => t.Id == reply.Intent) ? [reply.Intent] : Array.Empty<string>();
        var actions = reply.Actions.Distinct().Select(id => knowledge.Link(id, reply.Language)).OfType<SmartAction>().Take(MaxActions).ToList();
        return new AssistantAnswer(reply.Text, reply.Language, outcome, topics, actions,
            source with { Confidence = reply.Confidence, Intent = reply.Intent });
    }

    private ParsedReply? Parse(string? output, AssistantPrompt prompt, out string? rejection)
    {
        rejection = FallbackReasons.InvalidOutput;
        JsonObject? json;
        try
        {
            json = string.IsNullOrWhiteSpace(output) ? null : JsonNode.Parse(output) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (json is null || json.Count != 6 ||
            Text(json, "reply") is not { } text ||
            !LanguageCodes.TryParse(Text(json, "language"), out var language) ||
            Number(json, "confidence") is not (>= 0 and <= 1) ||
            Text(json, "intent") is not { } intent || !prompt.Intents.Contains(intent) ||
            Flag(json, "needsHuman") is not { } needsHuman ||
            json["smartActions"] is not JsonArray actions ||
            actions.Any(a => a?.GetValueKind() != JsonValueKind.String || !prompt.Actions.Contains(a.GetValue<string>())))
        {
            return null;
        }

        rejection = null;
        return new ParsedReply(text.Trim(), language, Number(json, "confidence")!.Value, intent, needsHuman, actions.Select(a => a!.GetValue<string>()).ToList());
    }

    private string? Unsafe(ParsedReply reply, AssistantPrompt prompt)
    {
        if (reply.Text.Length == 0 || reply.Text.Length > MaxLength)
        {
            return FallbackReasons.InvalidOutput;
        }

        if (reply.Text.Contains(AssistantPrompt.RulesMarker, StringComparison.OrdinalIgnoreCase))
        {
            return FallbackReasons.PromptLeak;
        }

        if (Markup().IsMatch(reply.Text))
        {
            return FallbackReasons.Markup;
        }

        return Claims.Unsupported(reply.Text, prompt.Sources).Count > 0 ? FallbackReasons.Ungrounded : null;
    }

    private static JsonObject Enum(IEnumerable<string> values) => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
    };

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static double? Number(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    private static bool? Flag(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    [GeneratedRegex(@"<\s*/?\s*[a-z][a-z0-9]*[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Markup();

    private sealed record ParsedReply(string Text, Language Language, double Confidence, string Intent, bool NeedsHuman, IReadOnlyList<string> Actions);
}

/// <summary>Why the knowledge base answered a turn although a language model is configured (analytics values).</summary>
public static class FallbackReasons
{
    public const string InvalidOutput = "invalid_output";
    public const string Refusal = "refusal";
    public const string Truncated = "truncated";
    public const string ContentFilter = "content_filter";
    public const string PromptLeak = "prompt_leak";
    public const string Markup = "markup";
    public const string Ungrounded = "ungrounded";
    public const string Timeout = "timeout";
    public const string CircuitOpen = "circuit_open";
    public const string Unreachable = "unreachable";

    /// <summary>"http_429", "http_500"...: the service answered with an error status.</summary>
    public static string Status(int status) => $"http_{status}";
}
