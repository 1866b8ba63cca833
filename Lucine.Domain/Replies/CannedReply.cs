using System.Text.RegularExpressions;

namespace Lucine.Domain.Replies;

/// <summary>
/// A reply operators insert by its shortcut ("/saluto") instead of typing it again: its words in both
/// languages, with placeholders the console fills before the operator sends it.
/// </summary>
/// <param name="Id">Given by Lucine when the reply is created; never changes.</param>
/// <param name="Shortcut">Without the slash operators type before it.</param>
/// <param name="Version">1 when created, one more at every change: the ETag an edit must name.</param>
public sealed record CannedReply(string Id, string Title, string Shortcut, LocalizedText Text, string UpdatedBy, DateTimeOffset UpdatedAt, int Version);

/// <summary>
/// One thing wrong with a reply, and which of its fields it is about (<c>title</c>, <c>shortcut</c>,
/// <c>text.it</c>, <c>text.en</c>): the English sentence for API users, and a stable <paramref name="Code"/>
/// with the values its sentence names, from which the console says it in its own language.
/// </summary>
public sealed record ReplyError(string Field, string Message, string Code, IReadOnlyDictionary<string, string> Args)
{
    public ReplyError(string field, string message, string code, params (string Name, string Value)[] args)
        : this(field, message, code, Assistant.ErrorArgs.Of(args))
    {
    }
}

/// <summary>What a reply must be to be stored; the console shows each error next to its field.</summary>
public static partial class CannedReplyRules
{
    public const int MaxTitleLength = 80;
    public const int MaxTextLength = 2000;
    public const int IdLength = 32;

    /// <summary>The placeholders the console knows how to fill; anything else would reach a visitor as "{…}".</summary>
    public static readonly IReadOnlyList<string> PlaceholderNames = ["visitor_name", "operator_name", "ticket_number"];

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,29}\z")]
    private static partial Regex ShortcutPattern();

    [GeneratedRegex(@"^[0-9a-f]{32}\z")]
    private static partial Regex IdPattern();

    public static bool IsShortcut(string? shortcut) => shortcut is not null && ShortcutPattern().IsMatch(shortcut);

    /// <summary>Only ids Lucine could have made: nothing else reaches a table key.</summary>
    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The shortcut as stored: what the operator wrote, trimmed, without the slash they may have typed.</summary>
    public static string? NormalizeShortcut(string? shortcut)
    {
        var trimmed = shortcut?.Trim();
        return trimmed is not null && trimmed.StartsWith('/') ? trimmed[1..] : trimmed;
    }

    /// <summary>Every error of a reply's fields, in the order of the form; empty when it can be stored.</summary>
    public static IReadOnlyList<ReplyError> Check(string? title, string? shortcut, string? italian, string? english)
    {
        var errors = new List<ReplyError>();
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength || HasControl(title, allowLines: false))
        {
            errors.Add(new("title", $"The title must be 1 to {MaxTitleLength} characters on one line.", "reply-title-invalid", ("max", Number(MaxTitleLength))));
        }

        if (!IsShortcut(shortcut))
        {
            errors.Add(new("shortcut", "The shortcut must be 2 to 30 characters among a-z, 0-9 and '-', starting with a letter or digit (e.g. /saluto).", "reply-shortcut-invalid"));
        }

        CheckText(errors, "text.it", "Italian", italian);
        CheckText(errors, "text.en", "English", english);
        return errors;
    }

    private static void CheckText(List<ReplyError> errors, string field, string language, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, $"The {language} text is required (1 to {MaxTextLength} characters).", "reply-text-required", ("max", Number(MaxTextLength))));
            return;
        }

        if (text.Length > MaxTextLength)
        {
            errors.Add(new(field, $"The {language} text can be at most {MaxTextLength} characters; this one has {text.Length}.", "reply-text-too-long", ("max", Number(MaxTextLength)), ("length", Number(text.Length))));
        }
        else if (HasControl(text, allowLines: true))
        {
            errors.Add(new(field, $"The {language} text contains characters that cannot be written (control characters or noncharacters).", "reply-text-invalid-characters"));
        }
        else if (Placeholders.Names(text).FirstOrDefault(name => !PlaceholderNames.Contains(name)) is { } unknown)
        {
            var known = string.Join(", ", PlaceholderNames.Select(n => "{" + n + "}"));
            errors.Add(new(field, $"The {language} text has an unknown placeholder {{{unknown}}}; the known ones are {known}.", "reply-text-unknown-placeholder", ("placeholder", "{" + unknown + "}"), ("known", known)));
        }
    }

    private static bool HasControl(string text, bool allowLines) => !PlainText.IsAcceptable(text, allowLines);

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
