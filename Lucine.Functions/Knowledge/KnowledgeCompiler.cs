namespace Lucine.Functions.Knowledge;

/// <summary>
/// The one check every knowledge base document passes, whether shipped, uploaded by an admin or read
/// back from storage: read against its schema, then compiled with this deployment's customer texts.
/// The seasons are joined later, as seen on the day it answers (<see cref="CurrentWorkflows"/>).
/// </summary>
public sealed class KnowledgeCompiler(MessageTemplates templates)
{
    public KnowledgeCheck Check(string json)
    {
        if (KnowledgeJson.TryRead<KnowledgeBaseDocument>(json, out var error) is not { } document)
        {
            return new KnowledgeCheck(null, error, [error!.ToString()]);
        }

        var knowledge = KnowledgeBase.TryCompile(document, templates, out var errors);
        return new KnowledgeCheck(knowledge, null, errors);
    }
}

/// <summary>What checking a document found: the compiled knowledge base, or every reason it is not one.</summary>
/// <param name="JsonError">Set when the document could not be read at all (then it is the only error).</param>
public sealed record KnowledgeCheck(KnowledgeBase? Knowledge, KnowledgeJsonError? JsonError, IReadOnlyList<string> Errors);

/// <summary>The knowledge base shipped with the app (version 0): what visitors get until an admin saves a version.</summary>
public sealed record ShippedKnowledgeBase(VersionedKnowledge Versioned, KnowledgeBase Knowledge);
