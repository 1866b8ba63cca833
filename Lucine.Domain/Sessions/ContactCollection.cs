namespace Lucine.Domain.Sessions;

public enum ContactStepKind
{
    Cancelled,
    NameInvalid,
    NameGiven,
    ContactInvalid,
    EmailGiven,
    PhoneGiven,
    ChannelInvalid,
    ChannelChosen,

    /// <summary>What the request is about is settled (<see cref="ContactStep.Value"/>): the ticket opens.</summary>
    NeedGiven,

    /// <summary>The visitor prefers to write what the request is about.</summary>
    NeedToWrite,
    NeedInvalid,
}

/// <summary>The question the assistant is waiting for an answer to, while it collects contact details.</summary>
public enum ContactQuestion
{
    Name,
    Contact,
    Channel,
    Request,
}

/// <summary>What one answer of the visitor does to the contact details being collected; <see cref="Value"/> is the name or the address it settles.</summary>
public sealed record ContactStep(ContactStepKind Kind, string? Value = null, ContactChannel? Channel = null)
{
    /// <summary>Everything is known: this answer opens the ticket.</summary>
    public bool Completes => Kind == ContactStepKind.NeedGiven;
}

/// <summary>
/// The questions the assistant asks for a ticket, one at a time: a name, then an email or a phone
/// number (E.164, Italian by default), then for a phone WhatsApp or SMS, then what the request is
/// about (<see cref="NeedCapture"/>). "annulla"/"cancel" as a whole word, or the cancel button, stops at any step.
/// </summary>
public static class ContactCollection
{
    public const int MaxNameLength = 80;

    private static readonly string[] CancelWords = ["annulla", "annullare", "cancel", "cancella"];

    public static ContactStep Next(ContactDraft draft, string? text, VisitorCommand? command)
    {
        var words = text is null ? [] : Assistant.TextNormalizer.Tokens(text);

        // A request may well be about cancelling something ("annullare la prenotazione"): at that step
        // only the button, or the word alone, cancels.
        var atNeed = QuestionFor(draft) == ContactQuestion.Request;
        if (command == VisitorCommand.CancelTicket || (atNeed ? words is [var only] && CancelWords.Contains(only) : words.Any(w => CancelWords.Contains(w))))
        {
            return new ContactStep(ContactStepKind.Cancelled);
        }

        var question = QuestionFor(draft);
        if (question == ContactQuestion.Name)
        {
            return IsName(text) ? new ContactStep(ContactStepKind.NameGiven, text!.Trim()) : new ContactStep(ContactStepKind.NameInvalid);
        }

        if (question == ContactQuestion.Contact)
        {
            if (text is null || !ContactAddress.TryParse(text, out var channel, out var address))
            {
                return new ContactStep(ContactStepKind.ContactInvalid);
            }

            return channel == ContactChannel.Email
                ? new ContactStep(ContactStepKind.EmailGiven, address, ContactChannel.Email)
                : new ContactStep(ContactStepKind.PhoneGiven, address);
        }

        if (question == ContactQuestion.Channel)
        {
            return ChannelStep(draft, words, command);
        }

        return command switch
        {
            VisitorCommand.ConfirmNeed when draft.Proposed is { } proposed => new ContactStep(ContactStepKind.NeedGiven, proposed),
            VisitorCommand.WriteNeed => new ContactStep(ContactStepKind.NeedToWrite),
            _ when NeedCapture.IsNeed(text) => new ContactStep(ContactStepKind.NeedGiven, text!.Trim()),
            _ => new ContactStep(ContactStepKind.NeedInvalid),
        };
    }

    private static ContactStep ChannelStep(ContactDraft draft, IReadOnlyList<string> words, VisitorCommand? command)
    {
        ContactChannel? chosen = command switch
        {
            VisitorCommand.ContactWhatsapp => ContactChannel.WhatsApp,
            VisitorCommand.ContactSms => ContactChannel.Sms,
            _ when words.Contains("whatsapp") => ContactChannel.WhatsApp,
            _ when words.Contains("sms") => ContactChannel.Sms,
            _ => null,
        };
        return chosen is { } picked ? new ContactStep(ContactStepKind.ChannelChosen, draft.Address, picked) : new ContactStep(ContactStepKind.ChannelInvalid, draft.Address);
    }

    /// <summary>The next question: the name first, then an address, then (for a phone) the channel.</summary>
    public static ContactQuestion QuestionFor(ContactDraft draft) =>
        draft.Name is null ? ContactQuestion.Name
        : draft.Address is null ? ContactQuestion.Contact
        : draft.Channel is null ? ContactQuestion.Channel
        : ContactQuestion.Request;

    /// <summary>What the visitor is being asked for, if the assistant is collecting their contact details: the widget's input says so.</summary>
    public static ContactQuestion? Expecting(SessionState state) =>
        state is { Status: SessionStatus.CollectingContact, Contact: { } draft } ? QuestionFor(draft) : null;

    /// <summary>A name is a few words with letters in them: not an address, not a number, not a paragraph.</summary>
    public static bool IsName(string? text) =>
        text is { } value && value.Trim() is { Length: > 0 and <= MaxNameLength } name
        && name.Any(char.IsLetter) && !name.Any(char.IsDigit) && !name.Contains('@') && PlainText.IsAcceptable(name, allowLines: false);
}
