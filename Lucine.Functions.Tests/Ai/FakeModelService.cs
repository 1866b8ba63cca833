using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Lucine.Functions.Tests.Ai;

/// <summary>A chat completion request exactly as it reached the service.</summary>
public sealed record ModelRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string ContentType, JsonObject Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public JsonArray Messages => Body["messages"]!.AsArray();

    public JsonObject Schema => Body["response_format"]!["json_schema"]!["schema"]!.AsObject();

    public IReadOnlyList<string> Enum(string property) =>
        Schema["properties"]![property]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
}

/// <summary>What the service answers one request with.</summary>
public abstract record ModelResponse
{
    /// <summary>200 with the documented chat.completion body, its message content being <paramref name="Content"/>.</summary>
    public sealed record Completion(string? Content, string FinishReason = "stop", string? Refusal = null) : ModelResponse;

    /// <summary>An error status with the documented error body.</summary>
    public sealed record Failure(int Status, string? RetryAfterSeconds = null) : ModelResponse;

    /// <summary>No answer until the test ends.</summary>
    public sealed record Silence : ModelResponse;

    /// <summary>A reply that keeps to Lucine's schema.</summary>
    public static Completion Reply(string reply, string language = "it", double confidence = 0.9, string intent = "prices", bool needsHuman = false, params string[] actions) =>
        new(new JsonObject
        {
            ["reply"] = reply,
            ["language"] = language,
            ["confidence"] = confidence,
            ["intent"] = intent,
            ["needsHuman"] = needsHuman,
            ["smartActions"] = new JsonArray(actions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
        }.ToJsonString());
}

/// <summary>
/// Stands in for api.openai.com and an Azure OpenAI resource on a local Kestrel (OpenAI is a
/// third-party internet service these tests cannot reach): it records every request and answers as
/// the Chat Completions API documents, from the responses the test queued (then with <see cref="Default"/>).
/// </summary>
public sealed class FakeModelService : IAsyncDisposable
{
    public const string ServedModel = "gpt-4o-mini-2024-07-18";
    public const int PromptTokens = 812;
    public const int CompletionTokens = 64;

    private StandInServer server = null!;
    private readonly ConcurrentQueue<ModelRequest> requests = new();
    private readonly ConcurrentQueue<ModelResponse> script = new();

    public Uri BaseAddress => server.BaseAddress;

    public ModelResponse Default { get; set; } = ModelResponse.Reply("Il biglietto intero costa €9.");

    public IReadOnlyList<ModelRequest> Requests => [.. requests];

    private FakeModelService()
    {
    }

    /// <param name="certificate">Serve https with it, as the real services do; plain http otherwise.</param>
    public static async Task<FakeModelService> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var service = new FakeModelService();
        service.server = await StandInServer.StartAsync(service.AnswerAsync, certificate);
        return service;
    }

    /// <summary>The next requests get these answers, in order.</summary>
    public void Then(params ModelResponse[] responses)
    {
        foreach (var response in responses)
        {
            script.Enqueue(response);
        }
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!.AsObject();
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        requests.Enqueue(new ModelRequest(request.Method, request.Path.Value!, headers, request.ContentType ?? string.Empty, body));

        var response = context.Response;
        switch (script.TryDequeue(out var next) ? next : Default)
        {
            case ModelResponse.Completion completion:
                await response.WriteAsJsonAsync(new
                {
                    id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12],
                    @object = "chat.completion",
                    created = 1_763_700_000,
                    model = ServedModel,
                    choices = new[]
                    {
                        new
                        {
                            index = 0,
                            message = new { role = "assistant", content = completion.Content, refusal = completion.Refusal },
                            logprobs = (object?)null,
                            finish_reason = completion.FinishReason,
                        },
                    },
                    usage = new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens },
                });
                break;
            case ModelResponse.Failure failure:
                response.StatusCode = failure.Status;
                if (failure.RetryAfterSeconds is { } seconds)
                {
                    response.Headers.RetryAfter = seconds;
                }

                await response.WriteAsJsonAsync(new { error = new { message = "The server had an error while processing your request.", type = "server_error", param = (string?)null, code = (string?)null } });
                break;
            case ModelResponse.Silence:
                await server.TestEnded;
                break;
        }
    }
}
