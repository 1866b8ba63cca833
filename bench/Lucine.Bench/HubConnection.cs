using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Lucine.Bench;

/// <summary>
/// A minimal SignalR client (the JSON hub protocol over a raw WebSocket, like the tests' HubClient):
/// handshake, then every invocation the server sends is handed to <c>onEvent</c> as it arrives, on
/// the receive loop. A ping every 10 s keeps the server from timing the connection out.
/// </summary>
internal sealed class HubConnection : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket socket;
    private readonly Action<string, JsonElement> onEvent;
    private readonly CancellationTokenSource stop = new();
    private readonly Task receiving;
    private readonly Task pinging;

    private HubConnection(ClientWebSocket socket, Action<string, JsonElement> onEvent)
    {
        this.socket = socket;
        this.onEvent = onEvent;
        receiving = Task.Run(ReceiveAsync);
        pinging = Task.Run(PingAsync);
    }

    public static async Task<HubConnection> ConnectAsync(Uri baseAddress, string accessToken, Action<string, JsonElement> onEvent)
    {
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/api/hub", Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        await SendAsync(socket, """{"protocol":"json","version":1}""", CancellationToken.None);
        var handshake = await ReceiveFrameAsync(socket, CancellationToken.None);
        if (handshake != "{}")
        {
            throw new InvalidOperationException($"SignalR handshake refused: {handshake}");
        }

        return new HubConnection(socket, onEvent);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        await Task.WhenAll(receiving, pinging).ContinueWith(_ => { });
        socket.Dispose();
        stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var record in (await ReceiveFrameAsync(socket, stop.Token)).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    using var message = JsonDocument.Parse(record);
                    if (message.RootElement.GetProperty("type").GetInt32() == 1)
                    {
                        onEvent(message.RootElement.GetProperty("target").GetString()!, message.RootElement.GetProperty("arguments")[0]);
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    private async Task PingAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await SendAsync(socket, """{"type":6}""", stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task<string> ReceiveFrameAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed");
            }

            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(text.ToArray()).TrimEnd(RecordSeparator);
    }
}
