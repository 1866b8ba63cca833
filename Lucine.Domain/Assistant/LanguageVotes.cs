namespace Lucine.Domain.Assistant;

/// <summary>
/// Decides the language of a reply from the evidence in the message: function words ("quanto",
/// "the") and the language of the keywords it matched. With no evidence either way ("ok",
/// "P3?") the conversation keeps the language it already had.
/// </summary>
public sealed class LanguageVotes
{
    public int Italian { get; private set; }

    public int English { get; private set; }

    public void Add(Language? language)
    {
        switch (language)
        {
            case Language.Italian:
                Italian++;
                break;
            case Language.English:
                English++;
                break;
        }
    }

    public void AddAll(LanguageVotes other)
    {
        Italian += other.Italian;
        English += other.English;
    }

    public static LanguageVotes FromFunctionWords(IEnumerable<string> tokens)
    {
        var votes = new LanguageVotes();
        foreach (var token in tokens)
        {
            if (Lexicon.IsItalianMarker(token))
            {
                votes.Add(Language.Italian);
            }
            else if (Lexicon.IsEnglishMarker(token))
            {
                votes.Add(Language.English);
            }
        }

        return votes;
    }

    public Language Decide(Language? conversationLanguage) =>
        Italian > English ? Language.Italian
        : English > Italian ? Language.English
        : conversationLanguage ?? Language.Italian;
}
