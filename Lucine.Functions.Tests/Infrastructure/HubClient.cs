using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a raw WebSocket (the .NET SignalR
/// client package is not available here): handshake, then invocation frames separated by 0x1E, and a
/// ping every 10 s so that the server keeps an idle connection. Events go to <c>onEvent</c> as they
/// arrive when one is given (the benchmark times them), otherwise to <see cref="NextAsync"/>.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket socket;
    private readonly Action<string, JsonElement>? onEvent;
    private readonly Channel<(string Target, JsonElement Argument)> received = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task receiving;
    private readonly Task pinging;
    private int invocationId;
    private int disposed;

    private HubClient(ClientWebSocket socket, Action<string, JsonElement>? onEvent)
    {
        this.socket = socket;
        this.onEvent = onEvent;
        receiving = Task.Run(ReceiveAsync);
        pinging = Task.Run(PingAsync);
    }

    /// <summary>Connects to Lucine's own hub and completes the handshake; a refused token surfaces as the WebSocket's 401.</summary>
    public static Task<HubClient> ConnectAsync(Uri baseAddress, string accessToken, Action<string, JsonElement>? onEvent = null) =>
        OpenAsync(new UriBuilder(baseAddress) { Scheme = "ws", Path = "/api/hub", Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri, onEvent);

    /// <summary>
    /// As the JS client does with Azure SignalR Service: negotiates with Lucine, which answers with the
    /// service's client URL and a token for it, and connects there.
    /// </summary>
    public static async Task<HubClient> ConnectThroughServiceAsync(HttpClient lucine, string accessToken, Action<string, JsonElement>? onEvent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hub/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await lucine.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var redirect = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = new UriBuilder(redirect.GetProperty("url").GetString()!) { Scheme = "ws" };
        url.Query = url.Query.TrimStart('?') + "&access_token=" + Uri.EscapeDataString(redirect.GetProperty("accessToken").GetString()!);
        return await OpenAsync(url.Uri, onEvent);
    }

    private static async Task<HubClient> OpenAsync(Uri uri, Action<string, JsonElement>? onEvent)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        await SendAsync(socket, """{"protocol":"json","version":1}""", CancellationToken.None);
        var handshake = await ReceiveFrameAsync(socket, CancellationToken.None);
        if (handshake != "{}")
        {
            throw new InvalidOperationException($"SignalR handshake refused: {handshake}");
        }

        return new HubClient(socket, onEvent);
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

    /// <summary>Completes when the server closes the connection (or it is disposed).</summary>
    public Task Closed => receiving;

    public Task InvokeAsync(string method, params object[] arguments) =>
        SendAsync(socket, JsonSerializer.Serialize(new { type = 1, invocationId = (++invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture), target = method, arguments }), CancellationToken.None);

    /// <summary>Closes the connection, as a closed browser tab does; disposing twice is harmless.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

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
                    if (message.RootElement.GetProperty("type").GetInt32() != 1)
                    {
                        continue;
                    }

                    var target = message.RootElement.GetProperty("target").GetString()!;
                    var argument = message.RootElement.GetProperty("arguments")[0].Clone();
                    if (onEvent is not null)
                    {
                        onEvent(target, argument);
                    }
                    else
                    {
                        received.Writer.TryWrite((target, argument));
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            received.Writer.TryComplete();
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
