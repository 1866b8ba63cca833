namespace Lucine.Domain.Assistant;

/// <summary>
/// One mistake in a knowledge base or in the customer texts: the field it is in, as an editor names
/// its inputs (<c>topics[3].answer.it</c>, <c>facts.price.intero</c>, <c>links.email.url</c>,
/// <c>handoff.en</c>, <c>templates.assistant.greeting.it</c>, <c>season</c>), the English sentence that
/// says what is wrong and where (for API users), and a stable <paramref name="Code"/> with the values
/// the sentence names (<paramref name="Args"/>), from which an editor says it in its own language.
/// </summary>
public sealed record KnowledgeError(string Field, string Text, string Code, IReadOnlyDictionary<string, string> Args)
{
    public KnowledgeError(string field, string text, string code, params (string Name, string Value)[] args)
        : this(field, text, code, ErrorArgs.Of(args))
    {
    }

    public override string ToString() => Text;
}

/// <summary>The values an error's sentence names, by the names its translations use as placeholders.</summary>
public static class ErrorArgs
{
    public static IReadOnlyDictionary<string, string> Of(params (string Name, string Value)[] args) =>
        args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
}
