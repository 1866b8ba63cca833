namespace Lucine.Domain;

/// <summary>The languages Lucine talks to visitors in.</summary>
public enum Language
{
    Italian,
    English,
}

public static class LanguageCodes
{
    public static string Code(this Language language) => language switch
    {
        Language.English => "en",
        _ => "it",
    };

    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "it":
                language = Language.Italian;
                return true;
            case "en":
                language = Language.English;
                return true;
            default:
                language = Language.Italian;
                return false;
        }
    }
}

/// <summary>A text written once per language; every customer-facing text has both.</summary>
public sealed record LocalizedText(string It, string En)
{
    public string For(Language language) => language == Language.English ? En : It;
}
