using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Lucine.Functions.Realtime;

/// <summary>
/// The realtime channel at /api/hub. A visitor's connection joins only its own session's group; an
/// operator's joins the operators' group and their own. Who is who comes from the authenticated
/// token, never from anything the client says after connecting.
/// </summary>
[Authorize(Policy = LucineIdentity.HubPolicy)]
public sealed class LucineHub(ISessionStore sessions) : Hub
{
    public const string Path = "/api/hub";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.Session() is { } session)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Visitor(session));
        }
        else if (Context.User?.Username() is { } username)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Operators);
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Operator(username));
        }

        await base.OnConnectedAsync();
    }

    /// <summary>The visitor is typing: tell the operator in charge, if any.</summary>
    public async Task VisitorTyping(bool isTyping)
    {
        if (Context.User?.Session() is not { } session)
        {
            throw new HubException("Only a visitor's connection can send visitor typing.");
        }

        var state = await sessions.ReadStateAsync(session, Context.ConnectionAborted);
        if (state?.Operator is { } person)
        {
            await Clients.Group(RealtimeGroups.Operator(person.Username))
                .SendAsync(RealtimeEvents.Typing, new TypingEvent(session.Value, "visitor", isTyping), Context.ConnectionAborted);
        }
    }

    /// <summary>The operator is typing in one of their chats: tell that chat's visitor.</summary>
    public async Task OperatorTyping(string sessionId, bool isTyping)
    {
        if (Context.User?.Username() is not { } username || !SessionId.TryParse(sessionId, out var session))
        {
            throw new HubException("Only an operator's connection can send operator typing, for a valid session id.");
        }

        var state = await sessions.ReadStateAsync(session, Context.ConnectionAborted);
        if (state?.Operator?.Username == username)
        {
            await Clients.Group(RealtimeGroups.Visitor(session))
                .SendAsync(RealtimeEvents.Typing, new TypingEvent(session.Value, "operator", isTyping), Context.ConnectionAborted);
        }
    }
}

public static class RealtimeGroups
{
    public const string Operators = "operators";

    public static string Visitor(SessionId session) => "visitor:" + session.Value;

    public static string Operator(string username) => "operator:" + username;
}

/// <summary>The client methods Lucine calls; widget and dashboard listen for these names.</summary>
public static class RealtimeEvents
{
    public const string Message = "message";
    public const string Status = "status";
    public const string Queue = "queue";
    public const string Typing = "typing";
    public const string QueueChanged = "queueChanged";
    public const string Assigned = "assigned";
    public const string Alert = "alert";
    public const string TicketAlert = "ticketAlert";
    public const string TicketChanged = "ticketChanged";
}

public sealed record TypingEvent(string SessionId, string Sender, bool IsTyping);
