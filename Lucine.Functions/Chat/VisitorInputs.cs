using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Chat;

/// <summary>What a chat request may carry: a message or a button, its client message id, a session id.</summary>
public static class VisitorInputs
{
    private const int MaxClientMessageIdLength = 100;

    /// <summary>The visitor's input in a request body, or the problem with it.</summary>
    public static ProblemHttpResult? Read(PostChatRequest body, ChatOptions limits, out VisitorInput input)
    {
        input = null!;
        if ((body.Message is null) == (body.Action is null))
        {
            return Problems.Invalid("invalid-request", "Message or action required",
                "Send either 'message' (what the visitor wrote) or 'action' (the button pressed), not both.");
        }

        if (body.ClientMessageId is { } clientMessageId && !IsValidClientMessageId(clientMessageId))
        {
            return Problems.Invalid("invalid-client-message-id", "Invalid clientMessageId",
                $"clientMessageId must be 1 to {MaxClientMessageIdLength} characters among letters, digits, '-', '_', '.' and ':'.");
        }

        if (body.Action is { } action)
        {
            if (!VisitorCommandNames.TryParse(action, out var command))
            {
                return Problems.Invalid("unknown-action", "Unknown action",
                    $"'{action}' is not an action a visitor can send; use one of: {string.Join(", ", VisitorCommandNames.All)}.");
            }

            input = new VisitorPressed(command, body.ClientMessageId);
            return null;
        }

        input = new VisitorWrote(body.Message!, body.ClientMessageId);
        return Text(body.Message, limits);
    }

    /// <summary>What any chat message must be, whoever writes it (visitor or operator).</summary>
    public static ProblemHttpResult? Text(string? text, ChatOptions limits)
    {
        // Stored exactly as written; only its emptiness is judged without the surrounding blanks.
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problems.Invalid("empty-message", "Empty message", "The message is empty.");
        }

        if (!PlainText.IsAcceptable(text))
        {
            return Problems.InvalidCharacters("The message");
        }

        var characters = text.EnumerateRunes().Count();
        return characters > limits.MaxMessageLength ? Problems.MessageTooLong(limits.MaxMessageLength, characters) : null;
    }

    internal static bool IsValidClientMessageId(string value) =>
        value.Length is > 0 and <= MaxClientMessageIdLength &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}

/// <summary>Session ids as they arrive in paths and bodies.</summary>
public static class SessionIds
{
    /// <summary>Null when <paramref name="text"/> is a session id Lucine issued; otherwise the 400 to answer.</summary>
    public static ProblemHttpResult? Parse(string? text, out SessionId id) =>
        SessionId.TryParse(text, out id) ? null : Problems.Invalid("invalid-session-id", "Invalid session id", "The session id is not a session id Lucine issued.");
}
