using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Lucine.Domain.Tests.Assistant;

/// <summary>
/// How well the local answerer serves real visitor questions (evaluation-set.json): the right kind of
/// answer, in the visitor's language, with every expected fact, and no price or time that is not in
/// the knowledge base. Prints the score; fails below 90 %.
/// </summary>
[Trait("Category", Layer.Unit)]
public sealed partial class AnswererEvaluation(ITestOutputHelper output)
{
    private const double RequiredScore = 0.9;

    private static readonly HashSet<string> KnownPrices = ["€9", "€7", "€13", "€25"];
    private static readonly HashSet<string> KnownTimes = ["17:30", "23:00", "22:30", "16:30"];

    [Fact]
    public void The_local_answerer_gets_at_least_90_percent_of_the_evaluation_set_right()
    {
        var set = EvaluationSet.Load();
        var answerer = new LocalAnswerer(ShippedKnowledge.Load());
        var failures = new List<string>();
        foreach (var item in set.Cases)
        {
            var answer = answerer.Answer(new AssistantQuestion(item.Question, null, set.Today));
            var problems = Check(item, answer);
            if (problems.Count > 0)
            {
                failures.Add($"\"{item.Question}\": {string.Join("; ", problems)}\n    got ({answer.Outcome}, {answer.Language.Code()}): {answer.Text.Replace("\n", " / ")}");
            }
        }

        var score = (double)(set.Cases.Count - failures.Count) / set.Cases.Count;
        output.WriteLine($"Local answerer evaluation: {set.Cases.Count - failures.Count}/{set.Cases.Count} correct ({score:P1}); required {RequiredScore:P0}.");
        foreach (var failure in failures)
        {
            output.WriteLine("  ✗ " + failure);
        }

        Assert.True(set.Cases.Count >= 40, "The evaluation set must have at least 40 questions.");
        Assert.True(score >= RequiredScore, $"Score {score:P1} is below {RequiredScore:P0}:\n{string.Join("\n", failures)}");
    }

    private static List<string> Check(EvaluationCase item, AssistantAnswer answer)
    {
        var problems = new List<string>();
        if (answer.Outcome.Name() != item.Outcome)
        {
            problems.Add($"expected outcome {item.Outcome}");
        }

        if (answer.Language.Code() != item.Language)
        {
            problems.Add($"expected language {item.Language}");
        }

        foreach (var fact in item.Facts.Where(f => !item.Contains(answer.Text, f)))
        {
            problems.Add($"missing \"{fact}\"");
        }

        foreach (Match price in Price().Matches(answer.Text))
        {
            if (!KnownPrices.Contains(price.Value.Replace(" ", "", StringComparison.Ordinal)))
            {
                problems.Add($"invented price {price.Value}");
            }
        }

        foreach (Match time in Time().Matches(answer.Text))
        {
            if (!KnownTimes.Contains(time.Value))
            {
                problems.Add($"invented time {time.Value}");
            }
        }

        return problems;
    }

    [GeneratedRegex(@"€\s?\d+")]
    private static partial Regex Price();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}\b")]
    private static partial Regex Time();
}

public sealed record EvaluationSet(DateOnly Today, IReadOnlyList<EvaluationCase> Cases)
{
    public static EvaluationSet Load() =>
        JsonSerializer.Deserialize<EvaluationSet>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Assistant", "evaluation-set.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException("The evaluation set is empty.");
}

/// <param name="Facts">Words the answer must contain ("a|b": either).</param>
/// <param name="Topics">The knowledge-base topics that are relevant to the question (none: nothing in the knowledge base is).</param>
public sealed record EvaluationCase(string Question, string Language, string Outcome, IReadOnlyList<string> Facts, IReadOnlyList<string> Topics)
{
    public bool Contains(string text, string fact) =>
        fact.Split('|').Any(alternative => text.Contains(alternative, StringComparison.OrdinalIgnoreCase));
}
