using System.Net.Sockets;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a real server, which a test can turn into a black hole: it keeps
/// accepting and reading but never answers, the way a hung dependency looks to a client.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int upstreamPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> relays = [];
    private readonly Task accepting;
    private volatile bool blackHole;

    public TcpProxy(int upstreamPort)
    {
        this.upstreamPort = upstreamPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>From now on nothing reaches the server and nothing comes back.</summary>
    public void BecomeBlackHole() => blackHole = true;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Task[] running;
        lock (relays)
        {
            running = [accepting, .. relays];
        }

        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }

            lock (relays)
            {
                relays.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, stopping.Token);
                await Task.WhenAny(
                    PumpAsync(client.GetStream(), upstream.GetStream()),
                    PumpAsync(upstream.GetStream(), client.GetStream()));
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
            }
            catch (SocketException)
            {
            }
        }
    }

    private async Task PumpAsync(Stream from, Stream to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
        {
            if (!blackHole)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }
        }
    }
}
