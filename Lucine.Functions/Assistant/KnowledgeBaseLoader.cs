using System.Text.Json;
using Lucine.Domain;
using Lucine.Domain.Assistant;
using Lucine.Domain.Notifications;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Assistant;

/// <summary>
/// Reads the knowledge base and the customer texts, joins them with the season calendar and checks
/// them all at start-up: an unknown placeholder, a missing text or a bad link stops the app with the
/// exact place of the mistake, instead of reaching a visitor.
/// </summary>
public static class KnowledgeBaseLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static KnowledgeBase Load(IOptions<ContentOptions> content, IOptions<SeasonOptions> season)
    {
        var knowledgePath = Resolve(content.Value.KnowledgeBasePath);
        var templatesPath = Resolve(content.Value.TemplatesPath);
        var document = Read<KnowledgeBaseDocument>(knowledgePath);
        var templates = new MessageTemplates(Read<Dictionary<string, LocalizedText>>(templatesPath));

        var knowledge = KnowledgeBase.TryCompile(document, season.Value.ToCalendar(), templates, out var errors);
        return knowledge ?? throw new InvalidOperationException(
            $"The knowledge base ({knowledgePath}), the templates ({templatesPath}) or the season configuration are not valid:{Environment.NewLine}  - " +
            string.Join(Environment.NewLine + "  - ", errors));

        string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
    }

    private static T Read<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path} is not valid: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"{path} cannot be read: {e.Message}", e);
        }
    }
}
