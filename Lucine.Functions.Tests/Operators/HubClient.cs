using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Lucine.Functions.Tests.Operators;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a raw WebSocket (the .NET SignalR
/// client package is not available here): handshake, then invocation frames separated by 0x1E.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket socket;
    private readonly Channel<(string Target, JsonElement Argument)> received = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task reading;
    private int invocationId;

    private HubClient(ClientWebSocket socket)
    {
        this.socket = socket;
        reading = Task.Run(ReadAsync);
    }

    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string accessToken)
    {
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/api/hub", Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        await SendFrameAsync(socket, """{"protocol":"json","version":1}""");
        var handshake = await ReceiveFrameAsync(socket);
        Assert.Equal("{}", handshake);
        return new HubClient(socket);
    }

    /// <summary>The next event with this name (others are skipped), within a generous deadline that only guards against a hang.</summary>
    public async Task<JsonElement> NextAsync(string target, Func<JsonElement, bool>? where = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (name, argument) = await received.Reader.ReadAsync(timeout.Token);
            if (name == target && (where is null || where(argument)))
            {
                return argument;
            }
        }
    }

    public Task InvokeAsync(string method, params object[] arguments) =>
        SendFrameAsync(socket, JsonSerializer.Serialize(new { type = 1, invocationId = (++invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture), target = method, arguments }));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        await reading.ContinueWith(_ => { });
        socket.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var frame = await ReceiveFrameAsync(socket, stop.Token);
                foreach (var record in frame.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    using var message = JsonDocument.Parse(record);
                    if (message.RootElement.GetProperty("type").GetInt32() == 1)
                    {
                        var target = message.RootElement.GetProperty("target").GetString()!;
                        received.Writer.TryWrite((target, message.RootElement.GetProperty("arguments")[0].Clone()));
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            received.Writer.TryComplete();
        }
    }

    private static Task SendFrameAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReceiveFrameAsync(ClientWebSocket socket, CancellationToken cancellationToken = default)
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
