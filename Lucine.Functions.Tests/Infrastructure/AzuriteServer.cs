using System.Diagnostics;
using System.Net.Sockets;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// A real Azurite from the project's npm packages, in memory: its Table service and its Blob service
/// (the attachments), each on a free port. Each is ready when it says so on its output; both are stopped by their PIDs.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process tables;
    private readonly Process blobs;

    private AzuriteServer(Process tables, int port, Process blobs, int blobPort)
    {
        this.tables = tables;
        this.blobs = blobs;
        Port = port;
        BlobPort = blobPort;
    }

    /// <summary>The Table service's port.</summary>
    public int Port { get; }

    public int BlobPort { get; }

    /// <summary>The CPU time Azurite's Table service has used so far (the benchmarks tell storage's share of a run apart).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            tables.Refresh();
            return tables.TotalProcessorTime;
        }
    }

    /// <summary>Azurite's well-known development account, on this instance's ports.</summary>
    public string ConnectionString =>
        StorageOptions.DevelopmentConnectionString
            .Replace("127.0.0.1:10002", $"127.0.0.1:{Port}", StringComparison.Ordinal)
            .Replace("127.0.0.1:10000", $"127.0.0.1:{BlobPort}", StringComparison.Ordinal);

    public static async Task<AzuriteServer> StartAsync()
    {
        var (tables, port) = await StartServiceAsync("table", "successfully started");
        try
        {
            var (blobs, blobPort) = await StartServiceAsync("blob", "successfully listens");
            return new AzuriteServer(tables, port, blobs, blobPort);
        }
        catch
        {
            tables.Kill(entireProcessTree: true);
            tables.Dispose();
            throw;
        }
    }

    private static async Task<(Process Process, int Port)> StartServiceAsync(string service, string readyText)
    {
        var main = RepositoryRoot.Combine("node_modules", "azurite", "dist", "src", service, "main.js");
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
                        main, $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                    },
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
                EnableRaisingEvents = true,
            };
            if (service == "blob")
            {
                // The tests' files are small: no need to reserve half the machine's memory for them.
                process.StartInfo.ArgumentList.Add("--extentMemoryLimit");
                process.StartInfo.ArgumentList.Add("256");
            }

            var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains(readyText, StringComparison.Ordinal) == true)
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
                throw new InvalidOperationException($"Azurite's {service} service did not start within {StartTimeout}.");
            }

            if (ready)
            {
                return (process, port);
            }

            process.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Azurite's {service} service exited three times before it started.");
            }
        }
    }

    /// <summary>Stops Azurite now, as an outage would.</summary>
    public async Task StopAsync()
    {
        foreach (var process in new[] { tables, blobs })
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        tables.Dispose();
        blobs.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
