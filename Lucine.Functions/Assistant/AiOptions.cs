using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Assistant;

public enum AiProvider
{
    /// <summary>api.openai.com, authenticated with "Authorization: Bearer".</summary>
    OpenAI,

    /// <summary>
    /// An Azure OpenAI resource's v1 endpoint, authenticated with its "api-key" header, or without a key
    /// with the app's identity (an Entra ID token); the model is the deployment name.
    /// </summary>
    AzureOpenAI,
}

/// <summary>
/// The language model behind the assistant: OpenAI with <see cref="ApiKey"/>, or Azure OpenAI with its
/// key or the app's identity. Otherwise there is none: the knowledge base answers alone, and says so at start.
/// </summary>
public sealed class AiOptions : IValidatableObject
{
    public const string Section = "Ai";

    public static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    public AiProvider Provider { get; set; } = AiProvider.OpenAI;

    /// <summary>OpenAI: optional (<see cref="OpenAIEndpoint"/>). Azure OpenAI: required, https://RESOURCE.openai.azure.com/openai/v1/.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// A secret: from Key Vault or the environment, never from a file in the repository. Azure OpenAI
    /// without one is reached with the app's identity.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The model (OpenAI) or the deployment name (Azure OpenAI).</summary>
    public string Model { get; set; } = "gpt-4o-mini";

    [Range(0, 2)]
    public float Temperature { get; set; } = 0.2f;

    [Range(100, 4000)]
    public int MaxOutputTokens { get; set; } = 500;

    /// <summary>How long a visitor waits for the model at most, retries included; then the knowledge base answers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Further attempts after a 429, a 5xx or a lost connection, within <see cref="Timeout"/>.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's wait, doubled each time (a Retry-After from the service is honoured).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>The share of failed calls, among at least <see cref="BreakerMinimumCalls"/> in <see cref="BreakerWindow"/>, that stops calling the model.</summary>
    [Range(0.01, 1)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 1000)]
    public int BreakerMinimumCalls { get; set; } = 4;

    public TimeSpan BreakerWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the model is left alone once the breaker opens; then one call tries it again.</summary>
    public TimeSpan BreakerPause { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many earlier messages of the conversation the model sees.</summary>
    [Range(0, 50)]
    public int HistoryMessages { get; set; } = 10;

    /// <summary>Below this confidence the chat offers a person under the model's reply.</summary>
    [Range(0, 1)]
    public double MinConfidence { get; set; } = 0.5;

    [Range(100, 4000)]
    public int MaxReplyLength { get; set; } = 1200;

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    public bool IsConfigured => HasKey || Provider == AiProvider.AzureOpenAI;

    /// <summary>Azure OpenAI without a key: an Entra ID token of the app's identity for every request.</summary>
    public bool UsesIdentity => !HasKey && Provider == AiProvider.AzureOpenAI;

    public Uri EffectiveEndpoint => Endpoint ?? OpenAIEndpoint;

    public ReplyPolicy ReplyPolicy => new(MinConfidence, MaxReplyLength);

    public PromptLimits PromptLimits => new(HistoryMessages);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            // An endpoint without a key says a model was meant; only Azure OpenAI can do without one.
            if (Endpoint is not null)
            {
                yield return new ValidationResult($"{Section}:ApiKey is required for OpenAI (only {AiProvider.AzureOpenAI} can use the app's identity instead).", [nameof(ApiKey)]);
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult($"{Section}:Model is required: the model name (OpenAI) or the deployment name (Azure OpenAI).", [nameof(Model)]);
        }

        if (Provider == AiProvider.AzureOpenAI && Endpoint is null)
        {
            yield return new ValidationResult($"{Section}:Endpoint is required for Azure OpenAI: https://RESOURCE.openai.azure.com/openai/v1/.", [nameof(Endpoint)]);
        }

        // The key travels with every request: only over TLS, or to this machine (a local test double). An
        // identity's token never travels in clear, not even to this machine.
        if (Endpoint is { } endpoint && endpoint.Scheme != Uri.UriSchemeHttps && (UsesIdentity || !(endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback)))
        {
            yield return new ValidationResult(
                $"{Section}:Endpoint must be an https address{(UsesIdentity ? " when the app's identity is used (no Ai:ApiKey)" : string.Empty)} (got {endpoint}).",
                [nameof(Endpoint)]);
        }

        if (Timeout <= TimeSpan.Zero || RetryDelay < TimeSpan.Zero || BreakerWindow < TimeSpan.FromMilliseconds(500) || BreakerPause < TimeSpan.FromMilliseconds(500))
        {
            yield return new ValidationResult($"{Section}: Timeout must be positive, RetryDelay not negative, BreakerWindow and BreakerPause at least 0.5 s.");
        }
    }
}
