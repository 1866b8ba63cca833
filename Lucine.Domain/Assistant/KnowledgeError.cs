namespace Lucine.Domain.Assistant;

/// <summary>
/// One mistake in a knowledge base or in the customer texts: the field it is in, as an editor names
/// its inputs (<c>topics[3].answer.it</c>, <c>facts.price.intero</c>, <c>links.email.url</c>,
/// <c>handoff.en</c>, <c>templates.assistant.greeting.it</c>, <c>season</c>), and the sentence that
/// says what is wrong and where.
/// </summary>
public sealed record KnowledgeError(string Field, string Text)
{
    public override string ToString() => Text;
}
