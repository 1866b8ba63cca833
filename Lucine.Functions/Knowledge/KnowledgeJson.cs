using System.Text;
using System.Text.Json;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;

namespace Lucine.Functions.Knowledge;

/// <summary>
/// How the knowledge base and the customer texts are read from JSON, wherever they come from (the
/// shipped files, an admin's upload, a stored version), and the JSON Schema that says the same: the
/// schema is generated from these options and the document's records, so the two cannot drift.
/// </summary>
public static class KnowledgeJson
{
    /// <summary>Exact property names, every required one present, none unknown: a typo is an error, never ignored.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = Options.ReadCommentHandling,
        AllowTrailingCommas = Options.AllowTrailingCommas,
    };

    private static readonly Lazy<string> DocumentSchema = new(() =>
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(Options, typeof(KnowledgeBaseDocument)).AsObject();
        schema.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.Insert(1, "title", "Lucine knowledge base");
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    });

    /// <summary>The JSON Schema of <see cref="KnowledgeBaseDocument"/> as these options read it.</summary>
    public static string Schema => DocumentSchema.Value;

    /// <summary>Reads <paramref name="json"/> as a <typeparamref name="T"/>, or says exactly where and why it cannot.</summary>
    public static T? TryRead<T>(string json, out KnowledgeJsonError? error)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, Options);
            error = value is null ? Error(json, "$", 0, 0, malformed: false, "the document is null; write a JSON object") : null;
            return value;
        }
        catch (JsonException e)
        {
            // A syntax error comes from the reader, which the serializer wraps to add the path.
            error = Error(json, e.Path ?? "$", e.LineNumber ?? 0, e.BytePositionInLine ?? 0, e.InnerException is JsonException, WithoutPosition(e));
            return null;
        }
    }

    /// <summary>A stored document as a JSON value, to be sent as part of a response.</summary>
    public static JsonElement ToElement(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        return document.RootElement.Clone();
    }

    /// <summary>The serializer ends its messages with the position in its own terms (0-based, in bytes); it is reported apart, in the editor's.</summary>
    private static string WithoutPosition(JsonException e)
    {
        var suffix = $" Path: {e.Path} | LineNumber: {e.LineNumber} | BytePositionInLine: {e.BytePositionInLine}.";
        return e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }

    /// <summary>The reader counts lines from 0 and bytes within them; an editor counts lines from 1 and characters.</summary>
    private static KnowledgeJsonError Error(string json, string path, long line, long bytePosition, bool malformed, string message)
    {
        var lines = json.Split('\n');
        var bytes = Encoding.UTF8.GetBytes(line < lines.Length ? lines[line] : string.Empty);
        var column = Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(bytePosition, bytes.Length));
        return new KnowledgeJsonError(malformed, path, (int)line + 1, column + 1, message);
    }
}

/// <param name="Malformed">Not JSON at all (a syntax error), rather than JSON of the wrong shape.</param>
/// <param name="Path">Where in the document, as a JSON path ("$.topics[3].answer").</param>
public sealed record KnowledgeJsonError(bool Malformed, string Path, int Line, int Column, string Message)
{
    public override string ToString() => $"{Path} (line {Line}, column {Column}): {Message}";
}
