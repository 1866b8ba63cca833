using System.Diagnostics;
using System.Net.Sockets;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// A real Azurite Table service from the project's npm packages, in memory, on a free port. It is
/// ready when it says so on its output; it is stopped by its PID.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;

    private AzuriteServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The CPU time Azurite has used so far (the benchmarks tell storage's share of a run apart).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Azurite's well-known development account, on this instance's port.</summary>
    public string ConnectionString =>
        StorageOptions.DevelopmentConnectionString.Replace("127.0.0.1:10002", $"127.0.0.1:{Port}", StringComparison.Ordinal);

    public static async Task<AzuriteServer> StartAsync()
    {
        var main = RepositoryRoot.Combine("node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException($"Azurite is not installed ({main} is missing): run `npm ci`, or the test command scripts/test.sh.");
        }

        // A free port can be taken between choosing and binding it; try another one then.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var process = new Process
            {
                StartInfo = new ProcessStartInfo("node")
                {
                    ArgumentList =
                    {
                        main, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                    },
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
                EnableRaisingEvents = true,
            };
            var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("successfully started", StringComparison.Ordinal) == true)
                {
                    started.TrySetResult(true);
                }
            };
            process.Exited += (_, _) => started.TrySetResult(false);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            bool ready;
            try
            {
                ready = await started.Task.WaitAsync(StartTimeout);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw new InvalidOperationException($"Azurite did not start within {StartTimeout}.");
            }

            if (ready)
            {
                return new AzuriteServer(process, port);
            }

            process.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException("Azurite exited three times before it started.");
            }
        }
    }

    /// <summary>Stops Azurite now, as an outage would.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
