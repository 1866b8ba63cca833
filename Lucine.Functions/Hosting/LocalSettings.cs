using System.Text.Json;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Reads the <c>Values</c> of <c>local.settings.json</c> (the Azure Functions convention) when the app
/// runs standalone, so that one file configures both ways of running locally. Keys may use ':' or
/// '__' as section separator. They rank above appsettings and below environment variables.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";

    public static void AddLocalSettings(this IConfigurationManager configuration, string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var settings = values.EnumerateObject().ToDictionary(
            p => p.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());

        var sources = ((IConfigurationBuilder)configuration).Sources;
        var environmentVariables = sources.Select((source, index) => (source, index))
            .Where(s => s.source is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            .Select(s => s.index)
            .DefaultIfEmpty(sources.Count)
            .First();
        sources.Insert(environmentVariables, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings });
    }
}
