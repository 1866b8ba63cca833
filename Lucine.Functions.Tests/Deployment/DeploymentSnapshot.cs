namespace Lucine.Functions.Tests.Deployment;

/// <summary>
/// What Azure would be asked to create for the example parameters (<c>infra/main.bicepparam</c>, every
/// optional feature on): the Bicep compiler's snapshot, in which everything known before deployment is
/// evaluated, module by module, and secrets stay parameter references. Taken once, in a copy of infra/
/// (the compiler writes the snapshot beside the parameters file).
/// </summary>
public sealed class DeploymentSnapshot : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000c0de";
    public const string ResourceGroup = "lucine-test";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "lucine-infra-" + Guid.NewGuid().ToString("N"));

    public CommandResult Command { get; private set; } = null!;

    public JsonElement Diagnostics { get; private set; }

    public IReadOnlyList<JsonElement> Resources { get; private set; } = [];

    /// <summary>The app settings as the template writes them: names, and values as evaluated so far.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("infra"), "*.bicep*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(RepositoryRoot.Combine("infra"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        Command = await Bicep.RunAsync(
            folder,
            "snapshot", "main.bicepparam", "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", "westeurope", "--tenant-id", "00000000-0000-0000-0000-0000000000aa");
        Assert.True(Command.ExitCode == 0, $"bicep snapshot failed: {Command.Errors}{Command.Output}");

        using var snapshot = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "main.snapshot.json")));
        Diagnostics = snapshot.RootElement.GetProperty("diagnostics").Clone();
        Resources = [.. snapshot.RootElement.GetProperty("predictedResources").EnumerateArray().Select(r => r.Clone())];
        AppSettings = Single("Microsoft.Web/sites/config").GetProperty("properties").EnumerateObject().ToDictionary(s => s.Name, s => s.Value.GetString()!);
    }

    public IEnumerable<JsonElement> OfType(string type) => Resources.Where(r => r.GetProperty("type").GetString() == type);

    public JsonElement Single(string type) => Assert.Single(OfType(type));

    public Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}
