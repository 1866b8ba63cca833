using System.Text.Json;

namespace Lucine.Functions.Knowledge;

/// <summary>Where a knowledge base version comes from: the file shipped with the app (version 0) or a save by an admin.</summary>
public enum KnowledgeOrigin
{
    File,
    Storage,
}

/// <summary>One version in the history, without its document.</summary>
public sealed record KnowledgeVersionItem(int Version, DateTimeOffset? SavedAt, string? SavedBy, KnowledgeOrigin Source, int Size, int? RestoredFrom)
{
    public static KnowledgeVersionItem From(KnowledgeVersion version) => new(
        version.Number, version.SavedAt, version.SavedBy, version.Number == 0 ? KnowledgeOrigin.File : KnowledgeOrigin.Storage, version.Size, version.RestoredFrom);
}

/// <summary>A version with its document (the JSON value an admin edits and sends back with PUT).</summary>
public sealed record KnowledgeBaseResponse(
    int Version, DateTimeOffset? SavedAt, string? SavedBy, KnowledgeOrigin Source, int Size, int? RestoredFrom, JsonElement Document)
{
    public static KnowledgeBaseResponse From(VersionedKnowledge versioned)
    {
        var item = KnowledgeVersionItem.From(versioned.Version);
        return new(item.Version, item.SavedAt, item.SavedBy, item.Source, item.Size, item.RestoredFrom, KnowledgeJson.ToElement(versioned.Document));
    }
}
