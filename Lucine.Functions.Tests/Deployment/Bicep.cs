using System.Diagnostics;
using System.Reflection;

namespace Lucine.Functions.Tests.Deployment;

/// <summary>What a command printed and how it ended.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Errors)
{
    /// <summary>The compiler's diagnostics ("file(line,col) : Warning|Error CODE: ...") and anything else it complained about.</summary>
    public IReadOnlyList<string> Complaints => [.. Errors.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CommandResult(process.ExitCode, await output, await errors);
    }
}

/// <summary>
/// The Bicep compiler of the NuGet package Azure.Bicep.CommandLine.linux-x64, which the test project
/// restores (and references nothing of): its path is written into this assembly at build time.
/// </summary>
public static class Bicep
{
    public static string Executable { get; } = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    /// <summary>
    /// What the example parameters read from the deployer's environment: made-up secrets of the right
    /// shape, every optional one given, so that every feature the template can turn on is turned on.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DeployerEnvironment { get; } = new Dictionary<string, string>
    {
        ["LUCINE_SESSION_TOKEN_KEY"] = LucineHost.NewSecret(),
        ["LUCINE_OPERATOR_TOKEN_KEY"] = LucineHost.NewSecret(),
        ["LUCINE_ADMIN_PASSWORD"] = LucineHost.NewSecret(),
        ["LUCINE_TWILIO_AUTH_TOKEN"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        ["LUCINE_SENDGRID_API_KEY"] = "SG." + LucineHost.NewSecret(),
    };

    public static Task<CommandResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        Assert.True(File.Exists(Executable), $"The Bicep compiler is not at {Executable}: restore the test project.");
        return CommandResult.RunAsync(Executable, arguments, workingDirectory, DeployerEnvironment);
    }
}
