using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// Lucine as its own OS process (<c>dotnet Lucine.Functions.dll</c>, the build the tests run against),
/// configured by environment variables, in the Testing environment. It is ready when it says so on its
/// output ("Application started", after the tables exist); <see cref="KillAsync"/> sends SIGKILL, as a crash.
/// </summary>
public sealed class LucineProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private LucineProcess(Process process, ConcurrentQueue<string> output)
    {
        this.process = process;
        this.output = output;
    }

    /// <param name="settings">Configuration keys (<c>Storage:ConnectionString</c>, <c>Urls</c>…), passed as environment variables.</param>
    public static async Task<LucineProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Lucine.Functions.dll") },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var output = new ConcurrentQueue<string>();
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                started.TrySetResult(true);
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Exited += (_, _) => started.TrySetResult(false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var lucine = new LucineProcess(process, output);
        bool ready;
        try
        {
            ready = await started.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            ready = false;
        }

        if (!ready)
        {
            await lucine.DisposeAsync();
            throw new InvalidOperationException($"Lucine did not start within {StartTimeout}:\n{lucine.Output}");
        }

        return lucine;
    }

    /// <summary>What the process wrote so far (stdout and stderr), for a failing drill's message.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>SIGKILL: no shutdown, no flushing, nothing the process could still do.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }
}
