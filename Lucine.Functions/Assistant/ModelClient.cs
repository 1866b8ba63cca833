using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Azure.Core;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace Lucine.Functions.Assistant;

/// <summary>What the model said for one prompt, before any of it is trusted.</summary>
/// <param name="Output">The message's text: JSON when the model kept to the schema.</param>
/// <param name="Refusal">Set when the model declined to answer.</param>
public sealed record ModelCompletion(string? Output, string? Refusal, ChatFinishReason FinishReason, string Model, int? InputTokens, int? OutputTokens);

/// <summary>
/// One chat completion through the OpenAI SDK, against OpenAI or an Azure OpenAI v1 endpoint (with its
/// key, or with the app's identity), with strict structured output. Retries and time limits are the
/// caller's: the SDK's own are switched off so that a visitor's wait has one bound.
/// </summary>
public sealed class ModelClient
{
    public const string HttpClientName = "ai";

    /// <summary>The participant name that marks a staff member's lines in the conversation.</summary>
    public const string OperatorName = "operator";

    /// <summary>What the app's identity is asked a token for: Entra ID's scope of Azure OpenAI (Cognitive Services).</summary>
    public const string AzureOpenAIScope = "https://cognitiveservices.azure.com/.default";

    private readonly ChatClient client;
    private readonly AiOptions options;

    public ModelClient(IOptions<AiOptions> options, IHttpClientFactory http, Func<TokenCredential> identity)
    {
        this.options = options.Value;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = this.options.EffectiveEndpoint,
            Transport = new HttpClientPipelineTransport(http.CreateClient(HttpClientName)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The caller's time limit governs; the SDK's default of 100 s is only lowered to a backstop behind it.
            NetworkTimeout = this.options.Timeout * 2,
        };
        // Azure OpenAI's documented key header is "api-key", and its keyless access a bearer token, which
        // only this constructor can send; it is marked experimental (OPENAI001) in SDK 2.15.0, and the
        // contract tests pin what it sends.
#pragma warning disable OPENAI001
        client = new ChatClient(this.options.Model, Authentication(this.options, identity), clientOptions);
#pragma warning restore OPENAI001
    }

    public async Task<ModelCompletion> CompleteAsync(AssistantPrompt prompt, CancellationToken cancellationToken)
    {
        var request = new ChatCompletionOptions
        {
            Temperature = options.Temperature,
            MaxOutputTokenCount = options.MaxOutputTokens,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
                ReplyPolicy.SchemaName,
                BinaryData.FromString(ReplyPolicy.Schema(prompt).ToJsonString()),
                jsonSchemaIsStrict: true),
        };
        var messages = prompt.Conversation.Select(Message).Prepend(new SystemChatMessage(prompt.Instructions)).ToList();

        ChatCompletion completion = await client.CompleteChatAsync(messages, request, cancellationToken);
        var output = new StringBuilder();
        foreach (var part in completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text))
        {
            output.Append(part.Text);
        }

        return new ModelCompletion(
            output.Length > 0 ? output.ToString() : null,
            string.IsNullOrEmpty(completion.Refusal) ? null : completion.Refusal,
            completion.FinishReason,
            string.IsNullOrEmpty(completion.Model) ? options.Model : completion.Model,
            completion.Usage?.InputTokenCount,
            completion.Usage?.OutputTokenCount);
    }

    private static AuthenticationPolicy Authentication(AiOptions options, Func<TokenCredential> identity)
    {
        if (options.UsesIdentity)
        {
            // Azure.Core's TokenCredential is a System.ClientModel AuthenticationTokenProvider: the SDK's own
            // bearer policy takes the app's identity as it is, and refuses to send its token without TLS.
            return new BearerTokenPolicy(identity(), AzureOpenAIScope);
        }

        var key = new ApiKeyCredential(options.ApiKey ?? throw new InvalidOperationException("The model client needs Ai:ApiKey, or Azure OpenAI to use the app's identity."));
        return options.Provider == AiProvider.AzureOpenAI
            ? ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(key, "api-key")
            : ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(key);
    }

    private static OpenAI.Chat.ChatMessage Message(PromptMessage message) => message.Role switch
    {
        PromptRole.Visitor => new UserChatMessage(message.Text),
        PromptRole.Operator => new AssistantChatMessage(message.Text) { ParticipantName = OperatorName },
        _ => new AssistantChatMessage(message.Text),
    };
}
