using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Lucine.Functions.Realtime;

/// <summary>
/// The realtime channel at /api/hub when Lucine runs standalone. A visitor's connection joins only its
/// own session's group; an operator's joins the operators' group and their own. Who is who comes from
/// the authenticated token, never from anything the client says. Clients only listen: what they tell
/// (typing) goes through HTTP, as it must with Azure SignalR Service, so both modes work alike.
/// </summary>
[Authorize(Policy = LucineIdentity.HubPolicy)]
public sealed class LucineHub(OperatorPresence presence, HubConnections connections) : Hub
{
    public const string Path = "/api/hub";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.Session() is { } session)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeUsers.Visitor(session));
        }
        else if (Context.User?.Username() is { } username)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeUsers.Operators);
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeUsers.Operator(username));
            connections.Opened(Context);
            await presence.ConnectedAsync(username, Context.ConnectionId, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.User?.Username() is { } username)
        {
            connections.Closed(Context.ConnectionId);
            await presence.DisconnectedAsync(username, Context.ConnectionId, CancellationToken.None);
        }

        await base.OnDisconnectedAsync(exception);
    }
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
    public const string Page = "page";
}

public sealed record TypingEvent(string SessionId, string Sender, bool IsTyping);
