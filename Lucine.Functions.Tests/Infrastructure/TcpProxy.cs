using System.Net.Sockets;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a real server, which a test can turn into a black hole: it keeps
/// accepting and reading but never answers, the way a hung dependency looks to a client; and restore,
/// the way the dependency comes back. The server itself keeps running (and keeps its data) throughout.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int upstreamPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> relays = [];
    private readonly Task accepting;
    private volatile bool blackHole;

    private readonly List<CancellationTokenSource> generations = [];

    /// <summary>The connections opened since the last <see cref="Restore"/> (or the start), dropped by the next one.</summary>
    private CancellationTokenSource opened;

    public TcpProxy(int upstreamPort)
    {
        this.upstreamPort = upstreamPort;
        opened = NewGeneration();
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The Azurite this proxy relays to, reached through the proxy.</summary>
    public string ConnectionStringFor(AzuriteServer azurite) =>
        azurite.ConnectionString.Replace($":{upstreamPort}/", $":{Port}/", StringComparison.Ordinal);

    /// <summary>From now on nothing reaches the server and nothing comes back.</summary>
    public void BecomeBlackHole() => blackHole = true;

    /// <summary>
    /// Relays again. Connections opened before are dropped (what they sent during the black hole is lost,
    /// so they could only answer out of step); the client opens new ones, as after a real outage.
    /// </summary>
    public void Restore()
    {
        var before = Interlocked.Exchange(ref opened, NewGeneration());
        blackHole = false;
        before.Cancel();
    }

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
        foreach (var generation in generations)
        {
            generation.Dispose();
        }

        stopping.Dispose();
    }

    private CancellationTokenSource NewGeneration()
    {
        var generation = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        lock (generations)
        {
            generations.Add(generation);
        }

        return generation;
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
        var dropped = opened.Token;
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, dropped);
                await Task.WhenAny(
                    PumpAsync(client.GetStream(), upstream.GetStream(), dropped),
                    PumpAsync(upstream.GetStream(), client.GetStream(), dropped));
            }
            catch (Exception) when (dropped.IsCancellationRequested)
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

    private async Task PumpAsync(Stream from, Stream to, CancellationToken dropped)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, dropped)) > 0)
        {
            if (!blackHole)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), dropped);
            }
        }
    }
}
