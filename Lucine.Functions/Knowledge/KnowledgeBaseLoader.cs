using System.Text;

namespace Lucine.Functions.Knowledge;

/// <summary>
/// Reads the shipped knowledge base and the customer texts and checks them at start-up: an unknown placeholder, a missing text or a bad link stops the app
/// with the exact place of the mistake, instead of reaching a visitor.
/// </summary>
public static class KnowledgeBaseLoader
{
    /// <summary>The check for knowledge base documents, with the customer texts of this deployment.</summary>
    public static KnowledgeCompiler Compiler(ContentOptions content)
    {
        var templatesPath = Resolve(content.TemplatesPath);
        var texts = KnowledgeJson.TryRead<Dictionary<string, LocalizedText>>(ReadText(templatesPath), out var error)
            ?? throw new InvalidOperationException($"{templatesPath} is not valid: {error}");
        return new KnowledgeCompiler(new MessageTemplates(texts));
    }

    public static ShippedKnowledgeBase Shipped(ContentOptions content, KnowledgeCompiler compiler)
    {
        var knowledgePath = Resolve(content.KnowledgeBasePath);
        var document = ReadText(knowledgePath);
        var check = compiler.Check(document);
        if (check.JsonError is { } error)
        {
            throw new InvalidOperationException($"{knowledgePath} is not valid: {error}");
        }

        var shipped = new VersionedKnowledge(new KnowledgeVersion(0, null, null, Encoding.UTF8.GetByteCount(document)), document);
        return check.Knowledge is { } knowledge
            ? new ShippedKnowledgeBase(shipped, knowledge)
            : throw new InvalidOperationException(
                $"The knowledge base ({knowledgePath}) or the templates ({Resolve(content.TemplatesPath)}) are not valid:{Environment.NewLine}  - " +
                string.Join(Environment.NewLine + "  - ", check.Errors));
    }

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
