using System.ClientModel;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using Lucine.Functions.Hosting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Lucine.Functions.Assistant;

/// <summary>
/// The assistant with a language model: grounded in the knowledge base, held to a strict reply
/// schema, and bounded in time. Whenever the model is slow, failing, switched off by the circuit
/// breaker, or says something that cannot be shown, the knowledge base answers in the same request:
/// a visitor never sees an error because of the model.
/// </summary>
public sealed partial class ModelAssistant : IAssistant
{
    public const string MeterName = "Lucine.Assistant";
    public const string FallbacksInstrument = "lucine.assistant.fallbacks";

    private readonly ModelClient client;
    private readonly AiOptions options;
    private readonly PromptBuilder prompts;
    private readonly ReplyPolicy policy;
    private readonly ResiliencePipeline pipeline;
    private readonly TimeProvider time;
    private readonly ILogger<ModelAssistant> logger;
    private readonly Counter<long> fallbacks;

    public ModelAssistant(ModelClient client, IOptions<AiOptions> options, TimeProvider time, IMeterFactory meters, ILogger<ModelAssistant> logger)
    {
        this.client = client;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        prompts = new PromptBuilder(this.options.PromptLimits);
        policy = this.options.ReplyPolicy;
        pipeline = BuildPipeline(this.options, time, logger);
        fallbacks = meters.Create(MeterName).CreateCounter<long>(
            FallbacksInstrument, description: "Turns the knowledge base answered instead of the language model, by reason (timeout, http_429, circuit_open, ungrounded…)");
    }

    public int ConversationMemory => options.HistoryMessages;

    public async Task<AssistantAnswer> AnswerAsync(KnowledgeBase knowledge, AssistantQuestion question, CancellationToken cancellationToken)
    {
        var prompt = prompts.Build(knowledge, question);
        var started = time.GetTimestamp();
        var source = new AnswerSource(AnswerSource.ModelAnswerer, options.Model);
        string reason;
        try
        {
            var completion = await pipeline.ExecuteAsync(async token => await client.CompleteAsync(prompt, token), cancellationToken);
            source = source with
            {
                Model = completion.Model,
                Latency = time.GetElapsedTime(started),
                InputTokens = completion.InputTokens,
                OutputTokens = completion.OutputTokens,
            };
            var unusable = completion switch
            {
                { Refusal: not null } => FallbackReasons.Refusal,
                { FinishReason: ChatFinishReason.Length } => FallbackReasons.Truncated,
                { FinishReason: ChatFinishReason.ContentFilter } => FallbackReasons.ContentFilter,
                _ => null,
            };
            string? rejection = null;
            if (unusable is null && policy.Judge(completion.Output, prompt, knowledge, source, out rejection) is { } answer)
            {
                return answer;
            }

            reason = unusable ?? rejection!;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            reason = ReasonFor(e);
            source = source with { Latency = time.GetElapsedTime(started) };
            LogModelFailed(logger, reason, e.GetType().Name, e.Message);
        }

        LogFallback(logger, reason);
        fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var local = new LocalAnswerer(knowledge).Answer(prompt.Grounding);
        return local with { Source = source with { Answerer = LocalAnswerer.Name, FallbackReason = reason } };
    }

    private static string ReasonFor(Exception e) => e switch
    {
        TimeoutRejectedException => FallbackReasons.Timeout,
        BrokenCircuitException => FallbackReasons.CircuitOpen,
        ClientResultException { Status: > 0 } failure => FallbackReasons.Status(failure.Status),
        _ => FallbackReasons.Unreachable,
    };

    /// <summary>Worth another try: throttling, a server error, a lost connection (which the SDK reports with status 0).</summary>
    private static bool IsTransient(Exception e) =>
        e is ClientResultException { Status: 0 or 408 or 429 or >= 500 };

    private static ResiliencePipeline BuildPipeline(AiOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.Timeout)
            .AddRetries(new RetryShape(options.MaxRetries, options.RetryDelay), IsTransient, (attempt, _, reason) => LogRetry(logger, attempt, reason), RetryAfter);
        return builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // A model that hangs counts as failing too (the visitor's own cancellation rethrows before it matters).
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => IsTransient(e) || e is OperationCanceledException),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumCalls,
                SamplingDuration = options.BreakerWindow,
                BreakDuration = options.BreakerPause,
                OnOpened = args =>
                {
                    LogBreakerOpened(logger, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    LogBreakerHalfOpen(logger);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogBreakerClosed(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The service's own Retry-After, when it gives one; null keeps the exponential backoff.</summary>
    private static TimeSpan? RetryAfter(Exception? failure)
    {
        var headers = (failure as ClientResultException)?.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var milliseconds) && double.TryParse(milliseconds, System.Globalization.CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return headers.TryGetValue("Retry-After", out var seconds) && int.TryParse(seconds, out var s) ? TimeSpan.FromSeconds(s) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model failed ({Reason}: {Error} {Detail}).")]
    private static partial void LogModelFailed(ILogger logger, string reason, string error, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "The knowledge base answered instead of the language model ({Reason}).")]
    private static partial void LogFallback(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Calling the language model again (attempt {Attempt}) after: {Error}")]
    private static partial void LogRetry(ILogger logger, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model keeps failing: the knowledge base answers alone for {Pause}.")]
    private static partial void LogBreakerOpened(ILogger logger, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trying the language model again.")]
    private static partial void LogBreakerHalfOpen(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The language model answers again.")]
    private static partial void LogBreakerClosed(ILogger logger);
}
