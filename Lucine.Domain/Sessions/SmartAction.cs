namespace Lucine.Domain.Sessions;

/// <summary>
/// A button under a reply: a link to one of our own pages (tickets, WhatsApp, map) or a command the
/// visitor sends back to the session workflow (talk to an operator, keep chatting with the assistant).
/// </summary>
public sealed record SmartAction(SmartActionKind Kind, string Action, string Label, string? Url = null)
{
    public static SmartAction Command(VisitorCommand command, string label) =>
        new(SmartActionKind.Command, command.WireName(), label);
}

public enum SmartActionKind
{
    Link,
    Command,
}

/// <summary>What a visitor can ask the workflow by pressing a button.</summary>
public enum VisitorCommand
{
    RequestOperator,
    ContinueAi,
    RequestTicket,

    /// <summary>"All solved": ends the chat.</summary>
    EndChat,

    /// <summary>"I still need help": keeps the operator.</summary>
    ContinueChat,

    /// <summary>Stops giving contact details: no ticket.</summary>
    CancelTicket,

    /// <summary>Answers on the phone number given come by WhatsApp.</summary>
    ContactWhatsapp,

    /// <summary>Answers on the phone number given come by SMS.</summary>
    ContactSms,

    /// <summary>The question the assistant proposed is what the ticket is about.</summary>
    ConfirmNeed,

    /// <summary>The visitor writes what the ticket is about instead of the proposed question.</summary>
    WriteNeed,
}

public static class VisitorCommandNames
{
    public static string WireName(this VisitorCommand command) => WireNames.Of(command);

    public static bool TryParse(string? name, out VisitorCommand command)
    {
        foreach (var candidate in Enum.GetValues<VisitorCommand>())
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.Ordinal))
            {
                command = candidate;
                return true;
            }
        }

        command = default;
        return false;
    }

    public static IEnumerable<string> All => Enum.GetValues<VisitorCommand>().Select(c => c.WireName());
}
