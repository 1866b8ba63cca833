using System.Text.Json;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Knowledge;

/// <summary>A draft of the knowledge base and a question an admin wants to see it answer.</summary>
public sealed record KnowledgeTrialRequest(JsonElement KnowledgeBase, string? Question);

/// <summary>What the draft answers in each language.</summary>
public sealed record KnowledgeTrialResponse(KnowledgeTrialAnswer It, KnowledgeTrialAnswer En);

/// <param name="Topic">The topic picked first (null: none); <paramref name="Topics"/> every one the answer is made of.</param>
/// <param name="Outcome"><c>answered</c>, <c>small_talk</c>, <c>not_known</c> or <c>needs_human</c>.</param>
public sealed record KnowledgeTrialAnswer(string? Topic, IReadOnlyList<string> Topics, string Answer, string Outcome);

/// <summary>
/// "Try it" before saving: the draft is checked and compiled as a save would (with the texts in use),
/// and the local answerer, the one visitors get without a language model, answers the question with
/// it and today's seasons in Italian and in English. Nothing is stored; an invalid draft gets the save's field errors.
/// </summary>
public static class KnowledgeTrial
{
    public const int MaxQuestionLength = 1000;

    /// <summary>The draft may be as large as a saved document, with room for the question around it.</summary>
    private const int EnvelopeBytes = 16 * 1024;

    public static async Task<Results<Ok<KnowledgeTrialResponse>, ProblemHttpResult>> TryAsync(
        HttpRequest request, KnowledgeVersions versions, Seasons seasons, ParkClock clock, IOptions<KnowledgeOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<KnowledgeTrialRequest>(request, options.Value.MaxDocumentBytes + EnvelopeBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Question is not { } question || string.IsNullOrWhiteSpace(question) || question.Length > MaxQuestionLength)
        {
            return Problems.Invalid("invalid-question", "Invalid question", $"'question' must be the text a visitor would write, 1 to {MaxQuestionLength} characters.");
        }

        if (!PlainText.IsAcceptable(question))
        {
            return Problems.InvalidCharacters("'question'");
        }

        if (body.KnowledgeBase.ValueKind != JsonValueKind.Object)
        {
            return Problems.Invalid("invalid-draft", "Invalid draft", "'knowledgeBase' must be the knowledge base document to try, as a JSON object.");
        }

        var check = (await versions.CheckAsync(body.KnowledgeBase.GetRawText(), cancellationToken)).Check;
        if (check.Knowledge is not { } knowledge)
        {
            return KnowledgeBaseEndpoints.Refused(VersionedDocumentApi.Knowledge, check);
        }

        // The draft answers as the saved one would today: with the seasons as visitors see them.
        var answerer = new LocalAnswerer(knowledge.WithSeason(await seasons.TodayAsync(cancellationToken)));
        var asked = new AssistantQuestion(question, null, clock.Today);
        return TypedResults.Ok(new KnowledgeTrialResponse(Answer(answerer, asked, Language.Italian), Answer(answerer, asked, Language.English)));
    }

    private static KnowledgeTrialAnswer Answer(LocalAnswerer answerer, AssistantQuestion question, Language language)
    {
        var answer = answerer.Answer(answerer.Ground(question, language));
        return new KnowledgeTrialAnswer(answer.Topics.FirstOrDefault(), answer.Topics, answer.Text, answer.Outcome.Name());
    }
}
