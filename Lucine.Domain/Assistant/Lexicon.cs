namespace Lucine.Domain.Assistant;

/// <summary>
/// The function words of Italian and English (folded, without accents). They tell the language of a
/// message, and they never count as the subject of a question nor as a typo of a keyword.
/// Words that exist in both languages with different meanings ("a", "e", "i", "come", "in") are
/// stopwords but do not vote for a language.
/// </summary>
public static class Lexicon
{
    private static readonly HashSet<string> ItalianOnly =
    [
        "il", "lo", "la", "gli", "le", "un", "uno", "una", "di", "del", "dello", "della", "dei", "degli",
        "delle", "da", "dal", "dalla", "dai", "nel", "nella", "nei", "con", "su", "sul", "sulla", "per",
        "tra", "fra", "che", "chi", "cosa", "cos", "dove", "quando", "quanto", "quanti", "quanta", "quante",
        "perche", "non", "ci", "si", "mi", "ti", "vi", "ne", "ed", "ma", "anche", "sono", "sei", "siamo",
        "siete", "ho", "hai", "ha", "abbiamo", "avete", "hanno", "posso", "puoi", "puo", "possiamo", "potete",
        "vorrei", "voglio", "vorremmo", "qual", "quale", "quali", "questo", "questa", "quello", "quella",
        "al", "alla", "allo", "ai", "agli", "alle", "sia", "gia", "piu", "molto", "tutto", "tutti", "tutte",
        "essere", "avere", "fare", "fate", "serve", "bisogna", "buongiorno", "buonasera", "salve", "grazie",
        "ciao", "mille", "dell", "nell", "all", "sull", "qualcuno", "qualcosa", "ogni",
    ];

    private static readonly HashSet<string> EnglishOnly =
    [
        "the", "an", "of", "to", "on", "at", "for", "with", "by", "from", "is", "are", "was", "were", "be",
        "been", "do", "does", "did", "can", "could", "would", "should", "will", "shall", "may", "might",
        "you", "he", "she", "we", "they", "it", "my", "your", "our", "their", "me", "us", "them", "this",
        "that", "these", "those", "there", "here", "what", "which", "who", "whom", "whose", "when", "where",
        "why", "how", "much", "many", "any", "some", "and", "or", "but", "if", "not", "yes", "please", "hi",
        "hello", "thanks", "thank", "get", "have", "has", "need", "want", "s", "im", "am", "dont", "its",
        "whats", "wheres", "hey", "good", "evening", "morning", "into", "about", "again",
    ];

    private static readonly HashSet<string> Shared = ["a", "e", "i", "o", "in", "come", "no", "ok", "se"];

    private static readonly HashSet<string> Greetings =
        ["ciao", "salve", "buongiorno", "buonasera", "buonanotte", "hello", "hi", "hey", "hallo", "good", "morning", "evening", "afternoon"];

    private static readonly HashSet<string> Thanks =
        ["grazie", "mille", "gentilissimo", "gentilissima", "gentilissimi", "perfetto", "thanks", "thank", "you", "thx", "ty", "great", "perfect", "ok", "okay", "va", "bene"];

    /// <summary>Words that announce a question without saying what it is about.</summary>
    private static readonly HashSet<string> Filler =
        ["domanda", "domande", "informazione", "informazioni", "info", "chiedere", "sapere", "aiuto", "aiutarmi",
         "question", "questions", "information", "ask", "know", "help", "like", "vorrei", "would", "please", "favore"];

    public static bool IsStopword(string token) =>
        ItalianOnly.Contains(token) || EnglishOnly.Contains(token) || Shared.Contains(token);

    public static bool IsItalianMarker(string token) => ItalianOnly.Contains(token);

    public static bool IsEnglishMarker(string token) => EnglishOnly.Contains(token);

    public static bool IsGreeting(string token) => Greetings.Contains(token);

    public static bool IsThanks(string token) => Thanks.Contains(token);

    /// <summary>A token that carries meaning of its own: not a function word, not small talk, not filler.</summary>
    public static bool IsContent(string token) =>
        token.Length > 1 && !IsStopword(token) && !Greetings.Contains(token) && !Thanks.Contains(token) && !Filler.Contains(token);
}
