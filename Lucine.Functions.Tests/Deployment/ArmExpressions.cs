using System.Globalization;
using System.Text;

namespace Lucine.Functions.Tests.Deployment;

/// <summary>
/// Evaluates what a Bicep snapshot leaves unevaluated in a value: <c>format()</c>, <c>environment()</c>
/// (the public cloud) and <c>reference(id, version).property</c>, whose value exists only once the
/// resource does and comes from <c>runtime</c>. Anything else is refused, so that a new kind of
/// expression in the template is looked at rather than guessed.
/// </summary>
public static class ArmExpressions
{
    private static readonly Dictionary<string, object> PublicCloud = new()
    {
        ["suffixes"] = new Dictionary<string, object> { ["storage"] = "core.windows.net", ["keyvaultDns"] = ".vault.azure.net" },
    };

    public static string Evaluate(string value, Func<string, string> runtime)
    {
        if (!value.StartsWith('[') || value.StartsWith("[[", StringComparison.Ordinal))
        {
            return value;
        }

        var parser = new Parser(value[1..^1], runtime);
        var result = parser.Expression();
        parser.End();
        return result as string ?? throw new NotSupportedException($"{value} is not a string.");
    }

    /// <summary>A resource's property known only at deployment: which property is all a test can tell.</summary>
    private sealed record Runtime(string ResourceId);

    private sealed class Parser(string text, Func<string, string> runtime)
    {
        private int at;

        public object Expression()
        {
            Skip();
            var value = text[at] == '\'' ? Literal() : Call();
            while (at < text.Length && text[at] == '.')
            {
                at++;
                var property = Name();
                value = value switch
                {
                    Runtime => runtime(property),
                    Dictionary<string, object> members when members.TryGetValue(property, out var member) => member,
                    _ => throw new NotSupportedException($"No property {property} in {text}."),
                };
            }

            return value;
        }

        public void End()
        {
            Skip();
            if (at != text.Length)
            {
                throw new NotSupportedException($"Unexpected \"{text[at..]}\" in {text}.");
            }
        }

        private object Call()
        {
            var function = Name();
            Expect('(');
            var arguments = new List<object>();
            Skip();
            while (text[at] != ')')
            {
                arguments.Add(Expression());
                Skip();
                if (text[at] == ',')
                {
                    at++;
                }
            }

            at++;
            return function switch
            {
                "format" when arguments is [string format, ..] => string.Format(CultureInfo.InvariantCulture, format, [.. arguments.Skip(1)]),
                "environment" when arguments.Count == 0 => PublicCloud,
                "reference" when arguments is [string id, string] => new Runtime(id),
                _ => throw new NotSupportedException($"{function}() with {arguments.Count} arguments is not evaluated here: {text}"),
            };
        }

        private string Literal()
        {
            var literal = new StringBuilder();
            for (at++; ; at++)
            {
                if (text[at] == '\'' && at + 1 < text.Length && text[at + 1] == '\'')
                {
                    literal.Append('\'');
                    at++;
                }
                else if (text[at] == '\'')
                {
                    at++;
                    return literal.ToString();
                }
                else
                {
                    literal.Append(text[at]);
                }
            }
        }

        private string Name()
        {
            Skip();
            var start = at;
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_'))
            {
                at++;
            }

            return start < at ? text[start..at] : throw new NotSupportedException($"A name was expected at {at} in {text}.");
        }

        private void Expect(char expected)
        {
            Skip();
            if (text[at++] != expected)
            {
                throw new NotSupportedException($"'{expected}' was expected at {at - 1} in {text}.");
            }
        }

        private void Skip()
        {
            while (at < text.Length && text[at] == ' ')
            {
                at++;
            }
        }
    }
}
