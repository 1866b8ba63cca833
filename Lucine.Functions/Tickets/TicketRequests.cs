using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Tickets;

/// <summary>The checks every way of opening a ticket shares: who, where to answer, what about.</summary>
public static class TicketRequests
{
    public static ProblemHttpResult? Contact(CreateTicketRequest body, out CustomerContact contact)
    {
        contact = null!;
        if (!ContactCollection.IsName(body.Name))
        {
            return Problems.Invalid("invalid-name", "Name required", $"Send 'name': the customer's name, 1 to {ContactCollection.MaxNameLength} characters, letters and no digits.");
        }

        if (!ContactAddress.TryParse(body.Contact, out var channel, out var address))
        {
            return Problems.Invalid("invalid-contact", "Invalid contact",
                "Send 'contact': an email address, or a phone number in international format (+39 333 123 4567; Italian numbers may omit +39).");
        }

        if (body.Channel is { } chosen)
        {
            if ((chosen == ContactChannel.Email) != (channel == ContactChannel.Email))
            {
                return Problems.Invalid("channel-mismatch", "Channel does not fit the contact",
                    $"'channel' is {WireNames.Of(chosen)} but 'contact' is {(channel == ContactChannel.Email ? "an email address" : "a phone number")}.");
            }

            channel = chosen;
        }

        contact = new CustomerContact(body.Name!.Trim(), channel, address);
        return null;
    }

    public static ProblemHttpResult? Text(string? value, string field, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Problems.Invalid("invalid-" + field, $"'{field}' required", $"Send '{field}' (1 to {maxLength} characters).") : null;
        }

        if (!PlainText.IsAcceptable(value))
        {
            return Problems.InvalidCharacters($"'{field}'");
        }

        return value.Length > maxLength ? Problems.Invalid("invalid-" + field, $"'{field}' too long", $"'{field}' can be at most {maxLength} characters; this one has {value.Length}.") : null;
    }

    public static ProblemHttpResult? Language(string? code, out Language language)
    {
        language = Domain.Language.Italian;
        return code is null || LanguageCodes.TryParse(code, out language)
            ? null
            : Problems.Invalid("invalid-language", "Unknown language", "'language' must be \"it\" or \"en\".");
    }

    /// <summary>The conversation a ticket comes from: its id, and how far its transcript goes.</summary>
    public static async Task<(SessionState? Session, ProblemHttpResult? Problem)> SessionAsync(
        string? sessionId, ISessionStore sessions, CancellationToken cancellationToken)
    {
        if (sessionId is null)
        {
            return (null, null);
        }

        if (!SessionId.TryParse(sessionId, out var id))
        {
            return (null, Problems.Invalid("invalid-session-id", "Invalid session id", "sessionId is not a session id Lucine issued."));
        }

        return await sessions.ReadStateAsync(id, cancellationToken) is { } state ? (state, null) : (null, Problems.For(SessionAggregate.Missing));
    }
}
