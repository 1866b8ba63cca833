using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Lucine.Domain.Tests.Assistant;

/// <summary>
/// The evaluation set against the language model's prompt: which knowledge-base topics the prompt
/// carries for each question (precision: how many of them are relevant; recall: whether the facts an
/// answer needs are there), and whether the reply check lets a correct answer through and stops one
/// with a price, time or date changed. Prints the figures; fails below the thresholds.
/// </summary>
[Trait("Category", Layer.Unit)]
public sealed partial class PromptEvaluation(ITestOutputHelper output)
{
    private const double RequiredPrecision = 0.9;
    private const double RequiredFactRecall = 0.95;

    [Fact]
    public void The_prompt_carries_the_facts_a_question_needs_and_few_others()
    {
        var set = EvaluationSet.Load();
        var knowledge = ShippedKnowledge.Load();
        var builder = new PromptBuilder(new PromptLimits());
        int included = 0, relevant = 0, facts = 0, factsFound = 0, strayCases = 0, noTopicCases = 0;
        var problems = new List<string>();
        foreach (var item in set.Cases)
        {
            var prompt = builder.Build(knowledge, new AssistantQuestion(item.Question, null, set.Today));
            var topics = prompt.Topics.Select(t => t.Topic.Id).ToList();
            included += topics.Count;
            relevant += topics.Count(item.Topics.Contains);
            foreach (var stray in topics.Where(t => !item.Topics.Contains(t)))
            {
                problems.Add($"\"{item.Question}\": carries [{stray}], not relevant");
            }

            if (item.Topics.Count == 0)
            {
                noTopicCases++;
                strayCases += topics.Count > 0 ? 1 : 0;
                continue;
            }

            if (item.Outcome != "answered")
            {
                continue;
            }

            foreach (var fact in item.Facts)
            {
                facts++;
                if (item.Contains(prompt.Instructions, fact))
                {
                    factsFound++;
                }
                else
                {
                    problems.Add($"\"{item.Question}\": the prompt lacks \"{fact}\" (carries [{string.Join(", ", topics)}])");
                }
            }
        }

        var precision = (double)relevant / included;
        var recall = (double)factsFound / facts;
        output.WriteLine($"Prompt evaluation over {set.Cases.Count} questions:");
        output.WriteLine($"  topic precision {relevant}/{included} = {precision:P1} (required {RequiredPrecision:P0})");
        output.WriteLine($"  fact recall {factsFound}/{facts} = {recall:P1} (required {RequiredFactRecall:P0})");
        output.WriteLine($"  questions outside the knowledge base given facts anyway: {strayCases}/{noTopicCases}");
        foreach (var problem in problems)
        {
            output.WriteLine("  ✗ " + problem);
        }

        Assert.True(precision >= RequiredPrecision, $"Precision {precision:P1}:\n{string.Join("\n", problems)}");
        Assert.True(recall >= RequiredFactRecall, $"Fact recall {recall:P1}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void The_reply_check_accepts_answers_built_from_the_prompt_and_stops_every_changed_fact()
    {
        var set = EvaluationSet.Load();
        var knowledge = ShippedKnowledge.Load();
        var builder = new PromptBuilder(new PromptLimits());
        var answerer = new LocalAnswerer(knowledge);
        int grounded = 0, answered = 0, changed = 0, caught = 0;
        var problems = new List<string>();
        foreach (var item in set.Cases.Where(c => c.Outcome == "answered"))
        {
            var question = new AssistantQuestion(item.Question, null, set.Today);
            var prompt = builder.Build(knowledge, question);
            var answer = answerer.Answer(question).Text;
            answered++;
            if (Claims.Unsupported(answer, prompt.Sources) is { Count: > 0 } unsupported)
            {
                problems.Add($"\"{item.Question}\": a correct answer was taken as invented ({string.Join(", ", unsupported)})");
            }
            else
            {
                grounded++;
            }

            foreach (var invented in Inventions(answer))
            {
                changed++;
                if (Claims.Unsupported(invented, prompt.Sources).Count > 0)
                {
                    caught++;
                }
                else
                {
                    problems.Add($"\"{item.Question}\": an invented fact passed: {invented.ReplaceLineEndings(" / ")}");
                }
            }
        }

        output.WriteLine($"Reply check over {answered} answered questions:");
        output.WriteLine($"  correct answers accepted {grounded}/{answered}");
        output.WriteLine($"  answers with a changed price, time or date stopped {caught}/{changed}");
        foreach (var problem in problems)
        {
            output.WriteLine("  ✗ " + problem);
        }

        Assert.True(changed >= 50, $"Only {changed} changed answers were tried.");
        Assert.Empty(problems);
    }

    /// <summary>The answer once per price, time and date in it, that one changed to a value nobody wrote.</summary>
    private static IEnumerable<string> Inventions(string answer)
    {
        foreach (Match price in Price().Matches(answer))
        {
            yield return Replace(answer, price, $"€{int.Parse(price.Groups[1].Value) + 11}");
        }

        foreach (Match time in Time().Matches(answer))
        {
            yield return Replace(answer, time, $"{time.Groups[1].Value}:{(int.Parse(time.Groups[2].Value) + 7) % 60:00}");
        }

        foreach (Match date in Date().Matches(answer))
        {
            yield return Replace(answer, date, $"{int.Parse(date.Groups[1].Value) % 28 + 2} {date.Groups[2].Value}");
        }
    }

    private static string Replace(string text, Match match, string by) => text[..match.Index] + by + text[(match.Index + match.Length)..];

    [GeneratedRegex(@"€(\d+)")]
    private static partial Regex Price();

    [GeneratedRegex(@"\b(\d{1,2}):(\d{2})\b")]
    private static partial Regex Time();

    [GeneratedRegex(@"\b(\d{1,2}) (dicembre|gennaio|December|January)\b")]
    private static partial Regex Date();
}
