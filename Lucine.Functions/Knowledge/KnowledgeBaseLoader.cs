using System.Text;

namespace Lucine.Functions.Knowledge;

/// <summary>
/// Reads the shipped knowledge base and the customer texts and checks them together at start-up: an
/// unknown placeholder, a missing text or a bad link stops the app with the exact place of the mistake, instead of reaching a visitor.
/// </summary>
public static class KnowledgeBaseLoader
{
    public static ShippedKnowledgeBase Shipped(ContentOptions content, KnowledgeCompiler compiler)
    {
        var templatesPath = Resolve(content.TemplatesPath);
        var textsDocument = ReadText(templatesPath);
        var texts = KnowledgeCompiler.ReadTexts(textsDocument, out var textsError)
            ?? throw new InvalidOperationException($"{templatesPath} is not valid: {textsError}");

        var knowledgePath = Resolve(content.KnowledgeBasePath);
        var document = ReadText(knowledgePath);
        var check = compiler.Check(document, texts);
        if (check.JsonError is { } error)
        {
            throw new InvalidOperationException($"{knowledgePath} is not valid: {error}");
        }

        return check.Knowledge is { } knowledge
            ? new ShippedKnowledgeBase(VersionZero(document), VersionZero(textsDocument), knowledge)
            : throw new InvalidOperationException(
                $"The knowledge base ({knowledgePath}) or the templates ({templatesPath}) are not valid:{Environment.NewLine}  - " +
                string.Join(Environment.NewLine + "  - ", check.Errors));
    }

    private static VersionedKnowledge VersionZero(string document) =>
        new(new KnowledgeVersion(0, null, null, Encoding.UTF8.GetByteCount(document)), document);

    private static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"{path} cannot be read: {e.Message}", e);
        }
    }
}
