using System.Globalization;

namespace Lucine.Functions.Knowledge;

/// <summary>
/// The one check every knowledge base document and every set of customer texts passes, whether
/// shipped, uploaded by an admin or read back from storage: read against its schema, then compiled
/// together (the texts cite the knowledge base's facts). The seasons are joined later, as seen on the
/// day it answers (<see cref="CurrentWorkflows"/>).
/// </summary>
public sealed class KnowledgeCompiler
{
    public KnowledgeCheck Check(string json, MessageTemplates texts) =>
        KnowledgeJson.TryRead<KnowledgeBaseDocument>(json, out var error) is { } document
            ? Compile(document, texts)
            : KnowledgeCheck.Unreadable(error!);

    public KnowledgeCheck Compile(KnowledgeBaseDocument document, MessageTemplates texts)
    {
        var knowledge = KnowledgeBase.TryCompile(document, texts, out var errors);
        return new KnowledgeCheck(knowledge, null, errors);
    }

    /// <summary>The customer texts of a document (<c>{"key": {"it": …, "en": …}}</c>), or where it cannot be read.</summary>
    public static MessageTemplates? ReadTexts(string json, out KnowledgeJsonError? error) =>
        KnowledgeJson.TryRead<Dictionary<string, LocalizedText>>(json, out error) is { } texts ? new MessageTemplates(texts) : null;
}

/// <summary>What checking a document found: the compiled knowledge base, or every reason it is not one.</summary>
/// <param name="JsonError">Set when the document could not be read at all (then it is the only error).</param>
public sealed record KnowledgeCheck(KnowledgeBase? Knowledge, KnowledgeJsonError? JsonError, IReadOnlyList<KnowledgeError> Errors)
{
    public static KnowledgeCheck Unreadable(KnowledgeJsonError error) =>
        new(null, error, [new KnowledgeError(
            error.Path.StartsWith("$.", StringComparison.Ordinal) ? error.Path[2..] : error.Path, error.ToString(), error.Malformed ? "json-malformed" : "json-unexpected",
            ("line", error.Line.ToString(CultureInfo.InvariantCulture)), ("column", error.Column.ToString(CultureInfo.InvariantCulture)))]);
}

/// <summary>The knowledge base and the customer texts shipped with the app (version 0 of each): what visitors get until an admin saves a version.</summary>
public sealed record ShippedKnowledgeBase(VersionedKnowledge Versioned, VersionedKnowledge Texts, KnowledgeBase Knowledge);
